package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T04:00:00Z"));

    @Test
    void aKeyGetsItsAllowanceAtOnceThenOneMorePerPeriod() {
        RateLimit limit = new RateLimit(3, Duration.ofMinutes(1), 100, clock);

        assertThat(limit.take("10.0.0.7")).isEmpty();
        assertThat(limit.take("10.0.0.7")).isEmpty();
        assertThat(limit.take("10.0.0.7")).isEmpty();
        assertThat(limit.take("10.0.0.7")).contains(Duration.ofSeconds(20));
        assertThat(limit.take("10.0.0.8")).as("another key").isEmpty();

        clock.advance(Duration.ofSeconds(19));
        assertThat(limit.take("10.0.0.7")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.take("10.0.0.7")).isEmpty();
        assertThat(limit.take("10.0.0.7")).isPresent();
    }

    @Test
    void aLongIdleKeyRefillsButNeverBeyondItsAllowance() {
        RateLimit limit = new RateLimit(2, Duration.ofHours(1), 100, clock);
        limit.take("ada@example.com");
        limit.take("ada@example.com");

        clock.advance(Duration.ofDays(3));

        assertThat(limit.take("ada@example.com")).isEmpty();
        assertThat(limit.take("ada@example.com")).isEmpty();
        assertThat(limit.take("ada@example.com")).isPresent();
    }

    @Test
    void zeroSwitchesTheLimitOff() {
        RateLimit off = new RateLimit(0, Duration.ofMinutes(1), 100, clock);

        for (int i = 0; i < 1000; i++) {
            assertThat(off.take("10.0.0.7")).isEmpty();
        }
    }

    @Test
    void whenFullIdleKeysGoAndTheOthersKeepTheirCount() {
        RateLimit limit = new RateLimit(1, Duration.ofMinutes(1), 2, clock);
        limit.take("a");
        limit.take("b");
        clock.advance(Duration.ofSeconds(30));
        limit.take("recent");
        clock.advance(Duration.ofSeconds(40));

        limit.take("new"); // "a" and "b" are 70 s idle (full again) and go; "recent" stays, with its token used

        assertThat(limit.take("recent")).isPresent();
        assertThat(limit.take("a")).isEmpty();
    }
}
