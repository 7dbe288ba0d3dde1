package com.licenceshop.servicedefaults;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * A public request starts a trace of its own (L-11, ADR 8): its {@code traceparent} becomes a span link of the new
 * root, so no client picks the trace ids, the sampling or a stored {@code tracestate}; trusted peers keep propagation.
 * {@link MoveAside} takes the headers out before micronaut-tracing's filter; {@link Link} adds the link.
 */
final class PublicTraceContext {

    static final List<String> HEADERS = List.of("traceparent", "tracestate", "baggage");
    /** The request attribute with the client's span context, between the two filters. */
    static final String CLIENT_CONTEXT = "shop.trace.client-context";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private PublicTraceContext() {}

    /** The span context a client sent, if it is a valid one. */
    static SpanContext clientContext(String traceparent, String tracestate) {
        Map<String, String> carrier = tracestate == null
                ? Map.of("traceparent", traceparent)
                : Map.of("traceparent", traceparent, "tracestate", tracestate);
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER);
        return Span.fromContext(extracted).getSpanContext();
    }

    @Filter(Filter.MATCH_ALL_PATTERN)
    static final class MoveAside implements HttpServerFilter {

        private final ClientAddresses addresses;

        MoveAside(ClientAddresses addresses) {
            this.addresses = addresses;
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.TRACING.before();
        }

        @Override
        public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
            if (HEADERS.stream().noneMatch(request.getHeaders()::contains) || addresses.isTrustedPeer(request)) {
                return chain.proceed(request);
            }
            String traceparent = request.getHeaders().get("traceparent");
            if (traceparent != null) {
                SpanContext client =
                        clientContext(traceparent, request.getHeaders().get("tracestate"));
                if (client.isValid()) {
                    request.setAttribute(CLIENT_CONTEXT, client);
                }
            }
            // in place where the headers allow it (Netty's do): a mutated copy of the request loses its body binding
            if (request.getHeaders() instanceof MutableHttpHeaders headers) {
                HEADERS.forEach(headers::remove);
                return chain.proceed(request);
            }
            return chain.proceed(request.mutate().headers(headers -> HEADERS.forEach(headers::remove)));
        }
    }

    @Filter(Filter.MATCH_ALL_PATTERN)
    static final class Link implements HttpServerFilter {

        @Override
        public int getOrder() {
            return ServerFilterPhase.TRACING.after();
        }

        @Override
        public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
            request.getAttribute(CLIENT_CONTEXT, SpanContext.class)
                    .ifPresent(client -> Span.current().addLink(client));
            return chain.proceed(request);
        }
    }
}
