package com.licenceshop.projector.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageScheduleTest {

    private final OutageSchedule schedule = new OutageSchedule(Duration.ofMinutes(5));

    @Test
    void theWaitDoublesFromAHundredMillisecondsUpToFiveSeconds() {
        assertThat(schedule.waitAfter(1, Duration.ZERO)).contains(Duration.ofMillis(100));
        assertThat(schedule.waitAfter(2, Duration.ofMillis(100))).contains(Duration.ofMillis(200));
        assertThat(schedule.waitAfter(6, Duration.ofSeconds(3))).contains(Duration.ofMillis(3200));
        assertThat(schedule.waitAfter(7, Duration.ofSeconds(7))).contains(Duration.ofSeconds(5));
        assertThat(schedule.waitAfter(1000, Duration.ofMinutes(1))).contains(Duration.ofSeconds(5));
    }

    @Test
    void theLastWaitEndsWhenTheHoldEnds() {
        assertThat(schedule.waitAfter(60, Duration.ofMinutes(5).minusSeconds(2)))
                .contains(Duration.ofSeconds(2));
    }

    @Test
    void onceTheBatchWasHeldForTheWholeHoldItIsNoLongerHeld() {
        assertThat(schedule.waitAfter(61, Duration.ofMinutes(5))).isEmpty();
        assertThat(schedule.waitAfter(62, Duration.ofMinutes(6))).isEmpty();
    }
}
