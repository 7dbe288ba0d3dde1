package com.licenceshop.command.outbox;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * An event row waiting to be published, with the body exactly as stored and the W3C trace context of the request
 * that stored it (both null for rows stored before tracing).
 */
record OutboxRow(
        long sequence,
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String correlationId,
        byte[] payload,
        @Nullable String traceparent,
        @Nullable String tracestate) {}
