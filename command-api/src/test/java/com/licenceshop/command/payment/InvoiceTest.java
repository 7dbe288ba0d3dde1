package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InvoiceTest {

    @Test
    void vatIsRoundedHalfUpToTheCentOnTheNetTotal() {
        assertThat(Invoice.vatOf(150_000, 1_900)).isEqualTo(28_500);
        assertThat(Invoice.vatOf(1, 1_900)).isEqualTo(0); // 0.19 cent
        assertThat(Invoice.vatOf(3, 1_900)).isEqualTo(1); // 0.57 cent
        assertThat(Invoice.vatOf(50, 700)).isEqualTo(4); // 3.5 cents, half up
        assertThat(Invoice.vatOf(0, 1_900)).isZero();
    }

    @Test
    void grossIsNetPlusVatAndTheDueDateFollowsTheTerms() {
        Invoice invoice = Invoice.of("2026-000042", 650_000, 1_900, "EUR", LocalDate.of(2026, 12, 20), 14);

        assertThat(invoice.vatCents()).isEqualTo(123_500);
        assertThat(invoice.grossCents()).isEqualTo(773_500);
        assertThat(invoice.dueDate()).isEqualTo(LocalDate.of(2027, 1, 3));
    }

    @Test
    void numbersAreTheYearAndItsRunningNumber() {
        assertThat(Invoice.number(2026, 42)).isEqualTo("2026-000042");
        assertThatThrownBy(() -> Invoice.number(2026, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateOutsideZeroToOneHundredPercentIsRefused() {
        assertThatThrownBy(() -> Invoice.vatOf(100, 10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Invoice.vatOf(-1, 1_900)).isInstanceOf(IllegalArgumentException.class);
    }
}
