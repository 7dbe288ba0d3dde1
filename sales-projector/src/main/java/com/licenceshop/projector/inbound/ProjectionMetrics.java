package com.licenceshop.projector.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What the live projection reports at /prometheus. */
@Singleton
final class ProjectionMetrics {

    private final Clock clock;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final DistributionSummary batchSize;
    private final Timer lag;

    ProjectionMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.applied = Counter.builder("sales.projector.events.applied")
                .description("events applied to the read model for the first time")
                .register(registry);
        this.duplicates = Counter.builder("sales.projector.events.duplicates")
                .description("redelivered or replayed events skipped by the inbox")
                .register(registry);
        this.deadLettered = Counter.builder("sales.projector.events.dead.lettered")
                .description("messages that could not be parsed or applied, moved to the dead-letter queue")
                .register(registry);
        this.batchSize = DistributionSummary.builder("sales.projector.batch.size")
                .description("deliveries per committed batch")
                .publishPercentileHistogram()
                .register(registry);
        this.lag = Timer.builder("sales.projector.lag")
                .description("time from the event's occurredAt to its application")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    void batch(int deliveries, int appliedEvents, int skipped) {
        batchSize.record(deliveries);
        applied.increment(appliedEvents);
        duplicates.increment(skipped);
    }

    void lag(Instant occurredAt) {
        Duration behind = Duration.between(occurredAt, clock.instant());
        lag.record(behind.isNegative() ? Duration.ZERO : behind);
    }

    void deadLettered(int count) {
        deadLettered.increment(count);
    }
}
