package com.licenceshop.notification.broker;

import com.licenceshop.events.MessageHeaders;
import com.licenceshop.servicedefaults.AmqpHeaders;

/**
 * The headers this service puts on the messages it moves between its own queues, besides those from the published
 * language ({@link MessageHeaders#ATTEMPT}, {@link MessageHeaders#DEAD_LETTER_REASON}); read and copied with
 * {@link AmqpHeaders}.
 */
public final class DeliveryHeaders {

    /** Set by a re-drive: the message may revive a FAILED mail. */
    public static final String REDRIVEN = "x-shop-redriven";
    /** How often this message found its mail held by another delivery and waited (int). */
    public static final String DEFERRALS = "x-shop-deferrals";

    private DeliveryHeaders() {}
}
