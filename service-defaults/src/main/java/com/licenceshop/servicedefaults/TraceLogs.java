package com.licenceshop.servicedefaults;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * Puts the current span's ids into the MDC ({@code traceId}, {@code spanId}) whenever a context becomes current
 * and restores what was there when its scope closes. Wrapping OpenTelemetry's context storage covers every place
 * a span is made current: the HTTP filters, Micronaut's propagated context on other threads, the listeners' own
 * spans; so every log line written inside a span carries its ids, in text and in JSON.
 */
public final class TraceLogs {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private TraceLogs() {}

    /** Must run before anything touches OpenTelemetry's context (ServiceLaunch does it first). */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ContextStorage.addWrapper(MdcStorage::new);
        }
    }

    private static final class MdcStorage implements ContextStorage {

        private final ContextStorage delegate;

        MdcStorage(ContextStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public Scope attach(Context toAttach) {
            String previousTrace = MDC.get(TRACE_ID);
            String previousSpan = MDC.get(SPAN_ID);
            Scope scope = delegate.attach(toAttach);
            SpanContext span = Span.fromContext(toAttach).getSpanContext();
            set(span.isValid() ? span.getTraceId() : null, span.isValid() ? span.getSpanId() : null);
            return () -> {
                scope.close();
                set(previousTrace, previousSpan);
            };
        }

        @Override
        public Context current() {
            return delegate.current();
        }

        private static void set(String traceId, String spanId) {
            if (traceId == null) {
                MDC.remove(TRACE_ID);
                MDC.remove(SPAN_ID);
            } else {
                MDC.put(TRACE_ID, traceId);
                MDC.put(SPAN_ID, spanId);
            }
        }
    }
}
