package com.licenceshop.events;

/** Names of the AMQP headers every published event carries. */
public final class MessageHeaders {

    /** The event's position in the event store (long). */
    public static final String SEQUENCE = "x-shop-sequence";
    /** {@link EventType#schemaVersion()} of the body (int). */
    public static final String SCHEMA_VERSION = "x-shop-schema-version";
    /** Ties the event to the request that caused it; logged by every consumer. */
    public static final String CORRELATION_ID = "x-correlation-id";
    /** Present and true when ops re-deliver an event; consumers deduplicate as always. */
    public static final String REPLAY = "x-shop-replay";
    /** Why a consumer dead-lettered a message. */
    public static final String DEAD_LETTER_REASON = "x-shop-dead-letter-reason";
    /** How many times the notification service tried to send the mail (int). */
    public static final String ATTEMPT = "x-shop-attempt";

    /**
     * W3C trace context of the span that published the event (a child of the request that stored it), so
     * consumers continue that trace; carried unchanged by retries, redrives and replays.
     */
    public static final String TRACEPARENT = "traceparent";
    /** W3C vendor trace state that goes with {@link #TRACEPARENT}; often absent. */
    public static final String TRACESTATE = "tracestate";

    private MessageHeaders() {}
}
