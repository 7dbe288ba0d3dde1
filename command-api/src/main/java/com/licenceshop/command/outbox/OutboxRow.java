package com.licenceshop.command.outbox;

import java.time.Instant;
import java.util.UUID;

/** An event row waiting to be published, with the body exactly as stored. */
record OutboxRow(long sequence, UUID eventId, String type, int schemaVersion, Instant occurredAt,
                 String correlationId, byte[] payload) {
}
