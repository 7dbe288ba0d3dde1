package com.licenceshop.command.outbox;

import com.licenceshop.servicedefaults.TraceHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;

/**
 * The span of one event's publish: a PRODUCER child of the context stored with the event row, so the purchase's trace
 * continues into every consumer. A replay joins that original trace ({@code shop.replay=true}, linked to the ops
 * request) instead of starting a broken one; rows stored before tracing start a trace of their own.
 */
@Singleton
class PublishSpans {

    static final AttributeKey<Boolean> REPLAY = AttributeKey.booleanKey("shop.replay");
    static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("shop.event.sequence");

    private final Tracer tracer;

    PublishSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Started, not current; the caller ends it once the broker confirmed (or failed). */
    Span start(OutboxRow row, String destination, boolean replay, SpanContext requestedBy) {
        SpanBuilder builder = tracer.spanBuilder((destination.isEmpty() ? "events" : destination) + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parentOf(row))
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", destination)
                .setAttribute("messaging.message.id", row.eventId().toString())
                .setAttribute(SEQUENCE, row.sequence());
        if (replay) {
            builder.setAttribute(REPLAY, true);
            if (requestedBy.isValid()) {
                builder.addLink(requestedBy);
            }
        }
        return builder.startSpan();
    }

    /** The stored request context; the root (a new trace) for rows stored without one. */
    static Context parentOf(OutboxRow row) {
        return TraceHeaders.restore(row.traceparent(), row.tracestate());
    }
}
