package com.licenceshop.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildProgressTest {

    @Test
    void aStartedRebuildWithoutFinishIsRunningWithItsShareDone() {
        RebuildProgress progress = RebuildProgress.of(Map.of(
                "state",
                "CATCHING_UP",
                "done",
                150,
                "total",
                600,
                "eventsPerSecond",
                1234.4,
                "startedAt",
                "2026-11-23T10:00:00Z"));

        assertThat(progress.running()).isTrue();
        assertThat(progress.percent()).isEqualTo(25);
        assertThat(progress.rate()).isEqualTo("1,234 events/s");
    }

    @Test
    void aFinishedOrFailedRebuildIsNotRunning() {
        assertThat(RebuildProgress.of(
                        Map.of("state", "DONE", "done", 600, "total", 600, "startedAt", "a", "finishedAt", "b")))
                .extracting(RebuildProgress::running, RebuildProgress::percent)
                .containsExactly(false, 100);
        assertThat(RebuildProgress.of(Map.of("state", "RUNNING", "startedAt", "a", "error", "feed unreachable"))
                        .running())
                .isFalse();
        assertThat(RebuildProgress.of(Map.of("state", "IDLE")).running()).isFalse();
    }

    @Test
    void theVirtualHostComesFromTheBrokerUri() {
        assertThat(new RabbitManagementConfig("g", "g", "amqp://guest:guest@localhost:5672/%2F").virtualHost())
                .isEqualTo("/");
        assertThat(new RabbitManagementConfig("g", "g", "amqp://localhost:5672/shop").virtualHost())
                .isEqualTo("shop");
        assertThat(new RabbitManagementConfig("g", "g", "amqp://localhost").virtualHost())
                .isEqualTo("/");
    }
}
