package com.licenceshop.notification.mail;

import java.util.UUID;

/**
 * Message-IDs derived from the event id. Every attempt at an event's mail carries the same one, so if a crash
 * between the SMTP hand-over and our commit makes us send again, mail servers and clients see the same message
 * (many drop or thread such duplicates) and support can tell it is a resend.
 */
public final class MessageIds {

    static final String DOMAIN = "licence-shop";

    private MessageIds() {}

    public static String forEvent(UUID eventId) {
        return "<" + eventId + "@" + DOMAIN + ">";
    }
}
