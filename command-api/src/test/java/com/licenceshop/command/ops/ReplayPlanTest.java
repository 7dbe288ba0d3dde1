package com.licenceshop.command.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.Topology;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    static final Topology TOPOLOGY = new Topology("t");

    @Test
    void eachConsumerMapsToItsOwnQueue() {
        assertThat(ReplayPlan.check(new ReplayRequest("sales-projector", 0L, 10L), TOPOLOGY, () -> 99)
                        .plan()
                        .queue())
                .isEqualTo(TOPOLOGY.salesProjectorQueue());
        assertThat(ReplayPlan.check(new ReplayRequest("notification-service", 0L, 10L), TOPOLOGY, () -> 99)
                        .plan()
                        .queue())
                .isEqualTo(TOPOLOGY.notificationQueue());
    }

    @Test
    void upToDefaultsToTheHeadAndNeverFallsBelowAfter() {
        assertThat(ReplayPlan.check(new ReplayRequest("sales-projector", 3L, null), TOPOLOGY, () -> 42)
                        .plan()
                        .upTo())
                .isEqualTo(42);
        assertThat(ReplayPlan.check(new ReplayRequest("sales-projector", 50L, null), TOPOLOGY, () -> 42)
                        .plan()
                        .upTo())
                .isEqualTo(50);
    }

    @Test
    void aDefaultedRangeBeyondTheCapIsRejected() {
        var checked = ReplayPlan.check(
                new ReplayRequest("sales-projector", 0L, null), TOPOLOGY, () -> ReplayPlan.MAX_EVENTS + 1);
        assertThat(checked.plan()).isNull();
        assertThat(checked.violations()).extracting(v -> v.rule()).containsExactly("max-range");
    }

    @Test
    void missingFieldsAreEachReportedWithoutAskingForTheHead() {
        var checked = ReplayPlan.check(new ReplayRequest(null, null, null), TOPOLOGY, () -> {
            throw new AssertionError("head must not be read for an invalid request");
        });
        assertThat(checked.violations())
                .extracting(v -> v.field() + "/" + v.rule())
                .containsExactly("consumer/required", "after/required");
    }
}
