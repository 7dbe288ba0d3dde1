package com.licenceshop.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void centsBecomeGroupedAmountsWithTheirCurrency() {
        assertThat(Money.format(150_000, "EUR")).isEqualTo("1,500.00 EUR");
        assertThat(Money.format(5, "EUR")).isEqualTo("0.05 EUR");
        assertThat(Money.format(-12_345, "EUR")).isEqualTo("-123.45 EUR");
        assertThat(Money.format(100, null)).isEqualTo("1.00");
    }
}
