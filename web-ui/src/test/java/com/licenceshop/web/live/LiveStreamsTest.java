package com.licenceshop.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.sse.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

class LiveStreamsTest {

    private final LiveStreams streams = new LiveStreams(
            new LiveConfig(
                    Duration.ofMillis(100), Duration.ofHours(1), Duration.ofSeconds(1), 8, 4, Duration.ofSeconds(2)),
            Clock.systemUTC(),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

    @Test
    void aBurstOfNotificationsBecomesFewReadsPushingTheLastState() {
        Sinks.Many<String> notifications = Sinks.many().multicast().directBestEffort();
        AtomicInteger reads = new AtomicInteger();
        try (Pushes pushes = pushesOf(notifications, reads::incrementAndGet)) {
            List<Object> pushed = pushes.figures();
            await().atMost(Duration.ofSeconds(5)).until(() -> pushed.size() == 1); // the current state first

            for (int i = 0; i < 1_000; i++) {
                notifications.tryEmitNext("position " + i);
            }

            await("a push after the burst").atMost(Duration.ofSeconds(5)).until(() -> pushed.size() >= 2);
            assertThat(reads.get()).as("reads for 1,000 notifications").isLessThan(100);
            assertThat(pushed).last().isEqualTo(reads.get());
        }
    }

    @Test
    void anUnchangedStateIsNotPushedAgain() {
        Sinks.Many<String> notifications = Sinks.many().multicast().directBestEffort();
        AtomicInteger reads = new AtomicInteger();
        try (Pushes pushes = pushesOf(notifications, () -> {
            reads.incrementAndGet();
            return "same figures";
        })) {
            List<Object> pushed = pushes.figures();
            await().atMost(Duration.ofSeconds(5)).until(() -> pushed.size() == 1);
            notifications.tryEmitNext("position 1");
            await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 2);

            assertThat(pushed).containsExactly("same figures");
        }
    }

    @Test
    void aFailedReadDoesNotEndTheStream() {
        Sinks.Many<String> notifications = Sinks.many().multicast().directBestEffort();
        AtomicInteger reads = new AtomicInteger();
        try (Pushes pushes = pushesOf(notifications, () -> {
            if (reads.incrementAndGet() == 2) {
                throw new IllegalStateException("database restarting");
            }
            return reads.get();
        })) {
            List<Object> pushed = pushes.figures();
            await().atMost(Duration.ofSeconds(5)).until(() -> pushed.size() == 1);
            notifications.tryEmitNext("position 1");
            await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 2);
            notifications.tryEmitNext("position 2");

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(pushed).containsExactly(1, 3));
        }
    }

    /** The figures a stream pushed, read by {@code read} on each trigger; closing it ends the subscription. */
    private record Pushes(List<Object> figures, Disposable subscription) implements AutoCloseable {
        @Override
        public void close() {
            subscription.dispose();
        }
    }

    private Pushes pushesOf(Sinks.Many<String> notifications, Callable<?> read) {
        List<Object> figures = new CopyOnWriteArrayList<>();
        Disposable subscription = streams.stream(notifications.asFlux(), read, "figures")
                .filter(event -> "figures".equals(event.getName()))
                .map(Event::getData)
                .subscribe(figures::add);
        return new Pushes(figures, subscription);
    }
}
