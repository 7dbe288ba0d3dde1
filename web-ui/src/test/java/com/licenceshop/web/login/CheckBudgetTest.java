package com.licenceshop.web.login;

import static com.licenceshop.web.login.CheckBudget.Kind.BASIC;
import static com.licenceshop.web.login.CheckBudget.Kind.FORM;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckBudgetTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final CheckBudget budget = new CheckBudget(3, Duration.ofSeconds(10), clock, 4);

    @Test
    void anAddressMayBurstChecksThenOneAfterEachRefill() {
        assertThat(IntStream.range(0, 4).mapToObj(i -> budget.take(BASIC, "10.0.0.1")))
                .containsExactly(true, true, true, false);

        clock.advance(Duration.ofSeconds(9));
        assertThat(budget.take(BASIC, "10.0.0.1")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.take(BASIC, "10.0.0.1")).isTrue();
        assertThat(budget.take(BASIC, "10.0.0.1")).isFalse();
    }

    @Test
    void aBasicLoginFloodLeavesTheFormBudgetAndOtherAddressesAlone() {
        IntStream.range(0, 100).forEach(i -> budget.take(BASIC, "10.0.0.1"));

        assertThat(budget.take(FORM, "10.0.0.1")).isTrue();
        assertThat(budget.take(BASIC, "10.0.0.2")).isTrue();
    }

    @Test
    void aSuccessfulLoginGivesItsCheckBack() {
        IntStream.range(0, 3).forEach(i -> budget.take(BASIC, "10.0.0.1"));

        budget.giveBack(BASIC, "10.0.0.1");

        assertThat(budget.take(BASIC, "10.0.0.1")).isTrue();
        assertThat(budget.take(BASIC, "10.0.0.1")).isFalse();
    }

    @Test
    void aFullTableForgetsRefilledAddressesOrMakesNewOnesWait() {
        for (int i = 1; i <= 4; i++) {
            budget.take(FORM, "10.0.0." + i);
        }
        assertThat(budget.take(FORM, "10.0.0.5")).isFalse();
        assertThat(budget.tracked()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(10));
        assertThat(budget.take(FORM, "10.0.0.5")).isTrue();
        assertThat(budget.tracked()).isEqualTo(1);
    }
}
