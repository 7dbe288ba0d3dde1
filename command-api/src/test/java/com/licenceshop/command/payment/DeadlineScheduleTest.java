package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeadlineScheduleTest {

    private final DeadlineSchedule schedule = new DeadlineSchedule(PaymentPolicy.defaults());
    private final Instant t0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void reconciliationWaitsTwoMinutesThenDoublesUpToFifteen() {
        assertThat(schedule.reconcile(t0, t0).dueAt()).isEqualTo(t0.plus(Duration.ofMinutes(2)));
        assertThat(schedule.reconcile(t0, t0.plus(Duration.ofMinutes(2))).dueAt())
                .isEqualTo(t0.plus(Duration.ofMinutes(4)));
        assertThat(schedule.reconcile(t0, t0.plus(Duration.ofMinutes(4))).dueAt())
                .isEqualTo(t0.plus(Duration.ofMinutes(8)));
        assertThat(schedule.reconcile(t0, t0.plus(Duration.ofHours(1))).dueAt())
                .isEqualTo(t0.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(15)));
    }

    @Test
    void theCheckoutExpiresWithTheOrderWithinStripesLimits() {
        assertThat(schedule.checkoutExpiresAt(t0, t0)).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(schedule.checkoutExpiresAt(t0, t0.plus(Duration.ofMinutes(50))))
                .isEqualTo(t0.plus(Duration.ofMinutes(50)).plus(Duration.ofMinutes(31)));
    }

    @Test
    void remindedThreeDaysBeforeAndOneAfterDueAndCancelledAfterFourteen() {
        Invoice invoice = Invoice.of("2026-000001", 100, 1_900, "EUR", LocalDate.of(2026, 12, 7), 14);
        Instant endOfDueDay = Instant.parse("2026-12-21T23:00:00Z"); // midnight in Berlin after 21 December

        assertThat(schedule.invoice(invoice))
                .extracting(Effect.ScheduleDeadline::dueAt)
                .containsExactly(
                        endOfDueDay.minus(Duration.ofDays(3)),
                        endOfDueDay.plus(Duration.ofDays(1)),
                        endOfDueDay.plus(Duration.ofDays(14)));
    }
}
