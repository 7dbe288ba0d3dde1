package com.licenceshop.notification.mail;

import java.time.Instant;
import java.util.UUID;

/** The one mail an event asks for. */
public record MailIntent(
        UUID eventId,
        UUID orderId,
        MailKind kind,
        String recipient,
        Instant occurredAt,
        String subject,
        MailView view) {

    /** The Message-ID of this mail: the same for every attempt, so a resend is recognisable as one. */
    public String messageId() {
        return MessageIds.forEvent(eventId);
    }
}
