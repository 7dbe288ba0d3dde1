package com.licenceshop.projector.rebuild;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where the last rebuild is, as {@code GET /ops/rebuild} shows it.
 *
 * @param state           IDLE, RUNNING, FINISHED or FAILED
 * @param phase           while running: COPYING (new tables from the feed, live tables serve), CATCHING_UP
 *                        (live consumption paused), SWAPPING
 * @param done            events read from the feed so far
 * @param total           the event store's head sequence when the rebuild started (an estimate of the events
 *                        to read: sequences have gaps), or {@code done} once finished
 * @param eventsPerSecond average rate so far
 * @param eta             when the copy is expected to be done at this rate
 */
@Serdeable
public record RebuildStatus(
        String state,
        @Nullable String phase,
        long done,
        @Nullable Long total,
        @Nullable Double eventsPerSecond,
        @Nullable Instant eta,
        @Nullable Long etaSeconds,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String error) {}
