package com.licenceshop.servicedefaults;

import com.licenceshop.events.MessageHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in and out of the places the shop keeps it: the
 * event row (two text columns) and the AMQP headers of a published event. Pure functions: no SDK, no exporter,
 * nothing but the W3C format, so the hot path pays a string of 55 characters per order.
 */
public final class TraceHeaders {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Map<String, ? super String>> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.put(key, value);
        }
    };

    // AMQP header values arrive as LongString; toString() is their UTF-8 text
    private static final TextMapGetter<Map<String, ?>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, ?> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, ?> carrier, String key) {
            Object value = carrier == null ? null : carrier.get(key);
            return value == null ? null : value.toString();
        }
    };

    private TraceHeaders() {}

    /** The stored form of a context: its traceparent and tracestate (absent when it has no valid span). */
    public record Stored(String traceparent, String tracestate) {

        static final Stored NONE = new Stored(null, null);

        public boolean isPresent() {
            return traceparent != null;
        }

        /** The trace id (32 hex digits) for the logs of a thread that is not inside the span; null when absent. */
        public String traceId() {
            return part(1);
        }

        /** The span id (16 hex digits) that goes with {@link #traceId()}. */
        public String spanId() {
            return part(2);
        }

        private String part(int index) {
            String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
            return parts.length == 4 ? parts[index] : null;
        }
    }

    /** The span context of {@code context} as the event row stores it; {@code NONE} without a valid span. */
    public static Stored store(Context context) {
        Map<String, String> carrier = new HashMap<>(4);
        W3C.inject(context, carrier, SETTER);
        String traceparent = carrier.get(MessageHeaders.TRACEPARENT);
        if (traceparent == null) {
            return Stored.NONE;
        }
        String tracestate = carrier.get(MessageHeaders.TRACESTATE);
        return new Stored(traceparent, tracestate == null || tracestate.isEmpty() ? null : tracestate);
    }

    /** The context a stored traceparent/tracestate stands for (as a remote parent); root when absent or malformed. */
    public static Context restore(String traceparent, String tracestate) {
        if (traceparent == null) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(4);
        carrier.put(MessageHeaders.TRACEPARENT, traceparent);
        if (tracestate != null) {
            carrier.put(MessageHeaders.TRACESTATE, tracestate);
        }
        return extract(carrier);
    }

    /** Writes the span context of {@code context} into message headers; writes nothing without a valid span. */
    public static void inject(Context context, Map<String, Object> headers) {
        W3C.inject(context, headers, SETTER);
    }

    /** The remote context the headers carry, on top of the root context; root when they carry none (or garbage). */
    public static Context extract(Map<String, ?> headers) {
        if (headers == null) {
            return Context.root();
        }
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** The span context the headers carry; invalid when they carry none. */
    public static SpanContext spanContext(Map<String, ?> headers) {
        return Span.fromContext(extract(headers)).getSpanContext();
    }

    /**
     * The links of a span covering a batch of messages: each message's span context once, in order, without
     * the messages that carry none; at most {@code max} (a span keeps 128 links by default).
     */
    public static List<SpanContext> links(List<? extends Map<String, ?>> headersOfEach, int max) {
        Set<SpanContext> links = new LinkedHashSet<>();
        for (Map<String, ?> headers : headersOfEach) {
            if (links.size() >= max) {
                break;
            }
            SpanContext context = spanContext(headers);
            if (context.isValid()) {
                links.add(context);
            }
        }
        return new ArrayList<>(links);
    }
}
