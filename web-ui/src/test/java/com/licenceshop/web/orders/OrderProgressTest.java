package com.licenceshop.web.orders;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OrderProgressTest {

    private static final Instant PLACED = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aNewOrderIsAcceptedAndWaitsForCountingAndMail() {
        OrderProgress progress = OrderProgress.of(order("PLACED"), OrderTracking.Tracking.nothingYet());

        assertThat(states(progress)).containsExactly("accepted=done", "counted=current", "mailed=current");
        assertThat(progress.cancellable()).isTrue();
        assertThat(progress.finished()).isFalse();
    }

    @Test
    void theMailMayBeSentBeforeTheOrderIsCounted() {
        var tracking = new OrderTracking.Tracking(Optional.empty(), List.of(mail("ORDER_CONFIRMATION", "SENT", 1)));

        assertThat(states(OrderProgress.of(order("PLACED"), tracking)))
                .containsExactly("accepted=done", "counted=current", "mailed=done");
    }

    @Test
    void countedAndMailedIsFinished() {
        var tracking = new OrderTracking.Tracking(Optional.of(new OrderTracking.Counted("PLACED", PLACED.plusSeconds(1))),
                List.of(mail("ORDER_CONFIRMATION", "SENT", 1)));

        OrderProgress progress = OrderProgress.of(order("PLACED"), tracking);

        assertThat(progress.finished()).isTrue();
        assertThat(progress.cancellable()).isTrue();
    }

    @Test
    void aMailThatKeepsFailingIsShownAsFailedWithItsAttempts() {
        var tracking = new OrderTracking.Tracking(Optional.empty(), List.of(mail("ORDER_CONFIRMATION", "FAILED", 4)));

        OrderProgress.Step mailed = OrderProgress.of(order("PLACED"), tracking).steps().get(2);

        assertThat(mailed.state()).isEqualTo("failed");
        assertThat(mailed.note()).contains("4 attempts");
    }

    @Test
    void aCancelledOrderShowsTheCancellationAndItsMail() {
        var tracking = new OrderTracking.Tracking(Optional.of(new OrderTracking.Counted("CANCELLED", PLACED.plusSeconds(9))),
                List.of(mail("ORDER_CONFIRMATION", "SENT", 1)));

        OrderProgress progress = OrderProgress.of(order("PLACED"), tracking);

        assertThat(states(progress)).containsExactly("accepted=done", "cancelled=done", "cancellation-mailed=current");
        assertThat(progress.cancelled()).isTrue();
        assertThat(progress.cancellable()).isFalse();
    }

    @Test
    void theCommandApisCancelCountsBeforeTheProjectorHasSeenIt() {
        OrderProgress progress = OrderProgress.of(order("CANCELLED"), OrderTracking.Tracking.nothingYet());

        assertThat(progress.status()).isEqualTo("CANCELLED");
        assertThat(progress.steps().get(1).key()).isEqualTo("cancelled");
    }

    private static List<String> states(OrderProgress progress) {
        return progress.steps().stream().map(step -> step.key() + "=" + step.state()).toList();
    }

    private static OrderApi.Order order(String status) {
        return new OrderApi.Order("3f1c", "ada@example.com", "EUR", List.of(), 50_000, status, PLACED,
                "CANCELLED".equals(status) ? PLACED.plusSeconds(5) : null, List.of());
    }

    private static OrderTracking.Mail mail(String kind, String status, int attempts) {
        return new OrderTracking.Mail(kind, status, attempts, null, "SENT".equals(status) ? PLACED.plusSeconds(2) : null);
    }
}
