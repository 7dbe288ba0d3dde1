package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** L-11: a public caller's trace context is linked, not adopted; a trusted peer's is adopted. */
class PublicTraceContextTest {

    static final String SPEC = "PublicTraceContextTest";
    static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CLIENT_SPAN = "00f067aa0ba902b7";

    static EmbeddedServer server;

    @BeforeAll
    static void start() {
        // as ServiceLaunch does, before anything touches OpenTelemetry's context (TraceHeadersTest in this JVM needs
        // it)
        TraceLogs.install();
        // 127.0.0.1 is the trusted peer (web-ui in ./shop up); a connection from 127.0.0.2 is the public
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "spec.name",
                        SPEC,
                        "micronaut.application.name",
                        "probe",
                        "micronaut.server.port",
                        "-1",
                        "shop.trusted-proxies",
                        "127.0.0.1/32",
                        "otel.traces.exporter",
                        "none"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPublicCallersTraceparentBecomesALinkOfANewTrace() throws IOException {
        String seen = get("127.0.0.2");

        assertThat(seen)
                .doesNotStartWith(CLIENT_TRACE)
                .contains("links=" + CLIENT_TRACE + "-" + CLIENT_SPAN)
                .endsWith("headers=false");
    }

    @Test
    void aTrustedPeersTraceparentIsAdopted() throws IOException {
        String seen = get("127.0.0.1");

        assertThat(seen).startsWith(CLIENT_TRACE).contains("links=;");
    }

    /** GET /trace-probe from that local address, with a client's trace context. */
    private static String get(String from) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5_000);
            socket.getOutputStream()
                    .write(("GET /trace-probe HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + "traceparent: 00-"
                                    + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01\r\ntracestate: caller=1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200");
                return answer.substring(answer.indexOf("\r\n\r\n") + 4).strip();
            }
        }
    }

    @Requires(property = "spec.name", value = SPEC)
    @Controller("/trace-probe")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class Probe {

        @Get(produces = "text/plain")
        String probe(HttpRequest<?> request) {
            Span span = Span.current();
            String links = span instanceof ReadableSpan readable
                    ? readable.toSpanData().getLinks().stream()
                            .map(link -> link.getSpanContext().getTraceId() + "-"
                                    + link.getSpanContext().getSpanId())
                            .collect(Collectors.joining(","))
                    : "not-recording";
            return span.getSpanContext().getTraceId() + " links=" + links + "; headers="
                    + request.getHeaders().contains("traceparent");
        }
    }
}
