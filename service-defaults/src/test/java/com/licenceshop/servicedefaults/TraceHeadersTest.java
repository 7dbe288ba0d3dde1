package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.MessageHeaders;
import com.rabbitmq.client.impl.LongStringHelper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceHeadersTest {

    static {
        // before any test of this JVM touches the context storage
        TraceLogs.install();
    }

    private static final SdkTracerProvider PROVIDER =
            SdkTracerProvider.builder().build();
    private final Tracer tracer = PROVIDER.get("test");

    @AfterAll
    static void close() {
        PROVIDER.close();
    }

    @Test
    void aStoredContextRestoresToTheSameTraceAsARemoteParent() {
        Span request = tracer.spanBuilder("POST /api/orders").startSpan();

        TraceHeaders.Stored stored = TraceHeaders.store(Context.root().with(request));
        SpanContext restored = Span.fromContext(TraceHeaders.restore(stored.traceparent(), stored.tracestate()))
                .getSpanContext();

        assertThat(stored.traceparent())
                .isEqualTo("00-" + request.getSpanContext().getTraceId() + "-"
                        + request.getSpanContext().getSpanId() + "-01");
        assertThat(stored.tracestate()).isNull();
        assertThat(stored.traceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(stored.spanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(restored.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
        assertThat(restored.getSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(restored.isRemote()).isTrue();
        request.end();
    }

    @Test
    void aSpanlessContextStoresNothingAndNothingRestoresTheRoot() {
        TraceHeaders.Stored stored = TraceHeaders.store(Context.root());

        assertThat(stored.isPresent()).isFalse();
        assertThat(stored.traceId()).isNull();
        assertThat(TraceHeaders.restore(null, null)).isSameAs(Context.root());
    }

    @Test
    void aMalformedTraceparentRestoresToNoSpanRatherThanABrokenOne() {
        Context restored = TraceHeaders.restore("00-not-a-trace-01", null);

        assertThat(Span.fromContext(restored).getSpanContext().isValid()).isFalse();
    }

    @Test
    void publishedHeadersAreReadBackFromTheBrokersLongStrings() {
        Span publish = tracer.spanBuilder("publish").startSpan();
        Map<String, Object> headers = new HashMap<>();
        TraceHeaders.inject(Context.root().with(publish), headers);
        // what amqp-client hands a consumer: header strings as LongString
        Map<String, Object> received = new HashMap<>();
        headers.forEach((name, value) -> received.put(name, LongStringHelper.asLongString(value.toString())));

        SpanContext extracted = TraceHeaders.spanContext(received);

        assertThat(headers).containsOnlyKeys(MessageHeaders.TRACEPARENT);
        assertThat(extracted.getTraceId()).isEqualTo(publish.getSpanContext().getTraceId());
        assertThat(extracted.getSpanId()).isEqualTo(publish.getSpanContext().getSpanId());
        publish.end();
    }

    @Test
    void aConsumersSpanParentedOnTheHeadersContinuesThePublishersTrace() {
        Span publish = tracer.spanBuilder("publish").startSpan();
        Map<String, Object> headers = new HashMap<>();
        TraceHeaders.inject(Context.root().with(publish), headers);

        Span consume = tracer.spanBuilder("process")
                .setParent(TraceHeaders.extract(headers))
                .startSpan();

        assertThat(consume.getSpanContext().getTraceId())
                .isEqualTo(publish.getSpanContext().getTraceId());
        consume.end();
        publish.end();
    }

    @Test
    void aMessageWithoutHeadersStartsNoTraceOfItsOwnWhenExtracted() {
        assertThat(TraceHeaders.extract(null)).isSameAs(Context.root());
        assertThat(TraceHeaders.spanContext(Map.of(MessageHeaders.SEQUENCE, 7L)).isValid())
                .isFalse();
    }

    @Test
    void aBatchLinksEachContextOnceSkippingMissingOnesToTheLimit() {
        Span first = tracer.spanBuilder("a").startSpan();
        Span second = tracer.spanBuilder("b").startSpan();
        Span third = tracer.spanBuilder("c").startSpan();
        Map<String, Object> a = headersOf(first);
        Map<String, Object> b = headersOf(second);
        Map<String, Object> c = headersOf(third);

        List<SpanContext> links = TraceHeaders.links(List.of(a, Map.of(), a, b, c), 2);

        assertThat(links)
                .extracting(SpanContext::getSpanId)
                .containsExactly(
                        first.getSpanContext().getSpanId(),
                        second.getSpanContext().getSpanId());
        first.end();
        second.end();
        third.end();
    }

    @Test
    void logLinesCarryTheScopesSpanIdsThenTheOnesBefore() {
        Span outer = tracer.spanBuilder("outer").startSpan();
        Span inner = tracer.spanBuilder("inner")
                .setParent(Context.root().with(outer))
                .startSpan();
        try (Scope o = outer.makeCurrent()) {
            try (Scope i = inner.makeCurrent()) {
                assertThat(MDC.get(TraceLogs.TRACE_ID))
                        .isEqualTo(inner.getSpanContext().getTraceId());
                assertThat(MDC.get(TraceLogs.SPAN_ID))
                        .isEqualTo(inner.getSpanContext().getSpanId());
            }
            assertThat(MDC.get(TraceLogs.SPAN_ID))
                    .isEqualTo(outer.getSpanContext().getSpanId());
        }
        assertThat(MDC.get(TraceLogs.TRACE_ID)).isNull();
        assertThat(MDC.get(TraceLogs.SPAN_ID)).isNull();
        inner.end();
        outer.end();
    }

    private static Map<String, Object> headersOf(Span span) {
        Map<String, Object> headers = new HashMap<>();
        TraceHeaders.inject(Context.root().with(span), headers);
        return headers;
    }
}
