package com.licenceshop.projector.rebuild;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** What {@code GET /ops/rebuild} answers; its fields are explained in the README's HTTP table. */
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
