package com.licenceshop.web.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.sse.Event;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns "something changed" notifications into an SSE stream of fresh reads: the current state first, then at
 * most one read per coalescing window however many notifications arrive (a burst of projector batches becomes
 * a few pushes a second), unchanged states are not pushed again, and a heartbeat keeps idle streams open.
 */
@Singleton
public class LiveStreams {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);
    public static final String HEARTBEAT = "heartbeat";

    private final LiveConfig config;
    private final Clock clock;
    private final MeterRegistry meters;

    LiveStreams(LiveConfig config, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.clock = clock;
        this.meters = meters;
    }

    @Serdeable
    public record Heartbeat(Instant at) {}

    /**
     * @param triggers any notification that may change what {@code read} returns
     * @param read     a blocking read (JDBC): run on the bounded-elastic scheduler, never on the event loop
     * @param name     the SSE event name of the updates
     */
    public <T> Flux<Event<Object>> stream(Flux<?> triggers, Callable<T> read, String name) {
        return stream(triggers, read, name, state -> false);
    }

    /**
     * As above, and the stream ends after pushing a state that {@code isLast} (nothing more can change).
     * Reads are counted as {@code shop.live.reads} per event name, so their cost can be watched.
     */
    public <T> Flux<Event<Object>> stream(Flux<?> triggers, Callable<T> read, String name, Predicate<T> isLast) {
        var counter = meters.counter("shop.live.reads", "stream", name);
        Flux<Object> reads = Flux.concat(Mono.just(Boolean.TRUE), triggers.sample(config.coalesce()))
                .onBackpressureLatest()
                .concatMap(
                        trigger -> Mono.fromCallable(read)
                                .doOnSubscribe(subscription -> counter.increment())
                                .subscribeOn(Schedulers.boundedElastic())
                                .onErrorResume(e -> {
                                    // keep the stream: the next notification (or the browser's reconnect) tries again
                                    LOG.warn("live update of {} failed: {}", name, e.getMessage());
                                    return Mono.empty();
                                }),
                        1)
                .filter(Objects::nonNull)
                .map(Object.class::cast)
                .distinctUntilChanged();
        Flux<Event<Object>> updates = reads.map(state -> Event.of(state).name(name));
        Flux<Event<Object>> heartbeats = Flux.interval(config.heartbeat())
                .map(tick -> Event.<Object>of(new Heartbeat(clock.instant())).name(HEARTBEAT));
        @SuppressWarnings("unchecked")
        Predicate<Object> last = state -> isLast.test((T) state);
        return Flux.merge(updates, heartbeats)
                .takeUntil(event -> !HEARTBEAT.equals(event.getName()) && last.test(event.getData()));
    }
}
