package com.licenceshop.events;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every exchange, queue and routing key of the shop, in one place.
 *
 * <p>All names start with a namespace ({@code shop} in production), so that a test run or a second local
 * stack can share a broker without touching anyone else's queues. Each consumer owns its queue and its
 * dead-letter queue; no two services share a queue.
 */
public record Topology(String namespace) {

    public static final String DEFAULT_NAMESPACE = "shop";
    private static final Pattern VALID_NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public Topology {
        Objects.requireNonNull(namespace, "namespace");
        if (!VALID_NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "namespace must match " + VALID_NAMESPACE + " but was '" + namespace + "'");
        }
    }

    public static Topology defaultTopology() {
        return new Topology(DEFAULT_NAMESPACE);
    }

    /** Durable topic exchange every event is published to, with {@link EventType#routingKey()}. */
    public String eventsExchange() {
        return namespace + ".events";
    }

    /** Durable direct exchange for dead letters; the routing key is the dead-letter queue's name. */
    public String deadLetterExchange() {
        return namespace + ".dlx";
    }

    /** Quorum queue of the sales projector: orders, period closes and the catalog (a licence's current name). */
    public String salesProjectorQueue() {
        return namespace + ".sales-projector";
    }

    public List<String> salesProjectorBindings() {
        return List.of(
                EventType.ORDER_PLACED.routingKey(),
                EventType.ORDER_CANCELLED.routingKey(),
                EventType.SALES_PERIOD_CLOSED.routingKey(),
                PRODUCT_EVENTS,
                EventType.LICENCE_REVOKED.routingKey(),
                // the payment figures (ADR 13): booked, paid, outstanding, refunded
                PAYMENT_EVENTS,
                EventType.INVOICE_ISSUED.routingKey(),
                EventType.LICENCES_ISSUED.routingKey(),
                EventType.ORDER_REFUNDED.routingKey());
    }

    /** Topic pattern of the payment process's own events ({@code payment.requested}, {@code payment.succeeded}, …). */
    public static final String PAYMENT_EVENTS = "payment.*";

    /** Topic pattern of every catalog event ({@code product.added}, {@code product.changed}, {@code product.retired}). */
    public static final String PRODUCT_EVENTS = "product.*";

    /** Quorum queue of the notification service: placements and cancellations (no catalog events: they need no mail). */
    public String notificationQueue() {
        return namespace + ".notifications";
    }

    public List<String> notificationBindings() {
        return List.of(
                EventType.ORDER_PLACED.routingKey(),
                EventType.ORDER_CANCELLED.routingKey(),
                // the payment mails (ADR 13): the keys, the invoice, the reminders, the refund
                EventType.LICENCES_ISSUED.routingKey(),
                EventType.INVOICE_ISSUED.routingKey(),
                EventType.PAYMENT_REMINDED.routingKey(),
                EventType.ORDER_REFUNDED.routingKey());
    }

    /**
     * Delay queue for one step of the mail retry schedule: messages wait there for {@code delay} (queue TTL)
     * and are then dead-lettered back to {@link #notificationQueue()}. The delay is part of the name because
     * a queue's arguments cannot change once declared.
     */
    public String notificationRetryQueue(Duration delay) {
        return notificationQueue() + ".retry." + delay.toMillis() + "ms";
    }

    /** The dead-letter queue of a consumer queue: parked messages wait here for ops to re-drive them. */
    public String deadLetterQueue(String queue) {
        return queue + ".dead";
    }

    /**
     * PostgreSQL NOTIFY channel on which the sales projector announces each committed batch (payload: its
     * new position). Channels are per database, so they need no namespace.
     */
    public static String salesPositionChannel() {
        return "sales_position";
    }

    /** PostgreSQL NOTIFY channel on which the notification service announces a sent mail (payload: order id). */
    public static String mailSentChannel() {
        return "mail_sent";
    }

    /** PostgreSQL NOTIFY channel on which the command API wakes its outbox relay after a commit. */
    public static String outboxChannel() {
        return "outbox";
    }
}
