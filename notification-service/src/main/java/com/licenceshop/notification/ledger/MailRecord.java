package com.licenceshop.notification.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code notifications.mails}, as ops see it. */
@Serdeable
public record MailRecord(
        UUID eventId,
        UUID orderId,
        String kind,
        String recipient,
        MailStatus status,
        int attempts,
        @Nullable String lastError,
        @Nullable String messageId,
        @Nullable Instant sentAt,
        @Nullable Instant nextAttemptAt,
        Instant createdAt,
        Instant updatedAt) {}
