package com.licenceshop.command.outbox;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What the outbox holds: how many rows wait, the newest sequence stored and the newest published. */
public record OutboxStatus(
        long pending,
        long headSequence,
        long publishedSequence,
        @Nullable Instant oldestPendingAt,
        @Nullable String lastError) {}
