package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.EventsQueue;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.EventCodec;
import com.licenceshop.events.EventType;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@MicronautTest(transactional = false)
class PlacingAnOrderIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    @Inject
    EventCodec codec;

    EventsQueue consumer;
    Http http;

    /** The tests call as web-ui does, from this machine: a trusted peer, whose trace context is adopted (L-11). */
    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("shop.trusted-proxies", "127.0.0.1/32,::1/128");
    }

    @BeforeAll
    void bindATestQueue() {
        consumer = EventsQueue.bindTo(topology);
        http = new Http(server.getURI());
    }

    @AfterAll
    void unbind() {
        consumer.close();
        TestBroker.deleteExchanges(topology);
    }

    @Test
    void aPlacedOrderIsAcceptedAndPublishedAsOrderPlaced() throws Exception {
        String correlationId = "test-" + UUID.randomUUID();
        var response = http.postJson(
                "/api/orders",
                Map.of(
                        "customerEmail",
                        "grace@example.com",
                        "items",
                        List.of(Map.of("sku", "PROFESSIONAL", "quantity", 2), Map.of("sku", "STARTER", "quantity", 1))),
                "X-Correlation-Id",
                correlationId);

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String orderId = (String) response.json().get("orderId");
        assertThat(response.json()).containsEntry("status", "ACCEPTED");
        assertThat(response.header("Location")).isEqualTo("/api/orders/" + orderId);

        var delivery = awaitDeliveryOf(orderId);
        var event = (OrderPlaced) codec.decode(delivery.body());
        assertThat(event.orderId()).hasToString(orderId);
        assertThat(event.customerEmail()).isEqualTo("grace@example.com");
        assertThat(event.currency()).isEqualTo("EUR");
        assertThat(event.lines())
                .containsExactly(
                        new OrderLine("PROFESSIONAL", "Professional", 2, 150_000, 300_000),
                        new OrderLine("STARTER", "Starter", 1, 50_000, 50_000));
        assertThat(event.totalCents()).isEqualTo(350_000);
        assertThat(event.sequence()).isPositive();
        // payment is required by default (ADR 13): the order waits for it, its keys come with LicencesIssued
        assertThat(event.paymentMethod()).isEqualTo("CARD");
        assertThat(event.licences()).isEmpty();

        assertThat(delivery.routingKey()).isEqualTo(EventType.ORDER_PLACED.routingKey());
        assertThat(delivery.messageId()).isEqualTo(event.eventId().toString());
        assertThat(delivery.properties().getType()).isEqualTo("OrderPlaced");
        assertThat(delivery.properties().getContentType()).isEqualTo("application/json");
        assertThat(delivery.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(((Number) delivery.header(MessageHeaders.SEQUENCE)).longValue())
                .isEqualTo(event.sequence());
        assertThat(((Number) delivery.header(MessageHeaders.SCHEMA_VERSION)).intValue())
                .isEqualTo(3);
        assertThat(delivery.header(MessageHeaders.CORRELATION_ID)).hasToString(correlationId);
    }

    @Test
    void aJsonMediaTypeInAnyCaseIsJson() {
        for (String contentType : List.of("APPLICATION/JSON", "Application/Json; Charset=UTF-8")) {
            var response = http.postRaw(
                    "/api/orders", contentType, TestHttp.write(Http.order("case@example.com", "STARTER", 1)));

            assertThat(response.status())
                    .as(contentType + ": " + response.body())
                    .isEqualTo(202);
        }
    }

    @Test
    void orderAndEventAreStoredAndPublishedEventsLeaveTheOutbox() throws Exception {
        var response = http.postJson("/api/orders", Http.order("linus@example.com", "ENTERPRISE", 3));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String orderId = (String) response.json().get("orderId");

        assertThat(count("SELECT count(*) FROM commands.orders WHERE id = '" + orderId + "' AND total_cents = 1500000"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.order_lines WHERE order_id = '" + orderId + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND type = 'OrderPlaced' AND payload->>'orderId' = '" + orderId + "'"))
                .isEqualTo(1);
        awaitDeliveryOf(orderId);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM commands.outbox o JOIN commands.events e"
                                + " ON e.sequence = o.sequence WHERE e.aggregate_id = '" + orderId + "'")
                        == 0);
    }

    @Test
    void theStoredPayloadCarriesTheSequenceOfItsRow() throws Exception {
        var response = http.postJson("/api/orders", Http.order("ken@example.com", "STARTER", 1));
        String orderId = (String) response.json().get("orderId");

        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND (payload->>'sequence')::bigint = sequence AND (payload->>'eventId')::uuid = event_id"))
                .isEqualTo(1);
    }

    @Test
    void theCallersTraceIsStoredWithTheEventAndContinuedByIt() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e" + Integer.toHexString(0x1000 + (int) (Math.random() * 0xefff));
        String callerSpan = "00f067aa0ba902b7";
        var response = http.postJson(
                "/api/orders",
                Http.order("barbara@example.com", "STARTER", 1),
                "traceparent",
                "00-" + traceId + "-" + callerSpan + "-01");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String orderId = (String) response.json().get("orderId");

        // the row keeps the command API's request span, a child of the caller's
        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND traceparent LIKE '00-" + traceId + "-%-01' AND traceparent NOT LIKE '%" + callerSpan
                        + "%'"))
                .isEqualTo(1);
        // the message carries the relay's publish span: the same trace, another span
        var delivery = awaitDeliveryOf(orderId);
        String traceparent = delivery.header(MessageHeaders.TRACEPARENT).toString();
        assertThat(traceparent)
                .startsWith("00-" + traceId + "-")
                .endsWith("-01")
                .doesNotContain(callerSpan);
        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND traceparent = '" + traceparent + "'"))
                .as("publish span differs from the stored one")
                .isZero();
    }

    @Test
    void theBatchsLogLineNamesEachOrdersTraceForGrep() {
        String traceId = "5cf92f3577b34da6a3ce929d0e0e" + Integer.toHexString(0x1000 + (int) (Math.random() * 0xefff));
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger writers = (Logger) LoggerFactory.getLogger(PlacingOrders.class);
        writers.addAppender(lines);
        try {
            var response = http.postJson(
                    "/api/orders",
                    Http.order("grep@example.com", "STARTER", 1),
                    "traceparent",
                    "00-" + traceId + "-00f067aa0ba902b7-01");
            assertThat(response.status()).as(response.body()).isEqualTo(202);

            // the writer logs the batch before it answers: the line is there when the 202 is
            assertThat(List.copyOf(lines.list))
                    .filteredOn(line -> line.getLevel() == Level.INFO)
                    .anySatisfy(line -> assertThat(line.getFormattedMessage())
                            .startsWith("stored ")
                            .contains(traceId));
        } finally {
            writers.detachAppender(lines);
        }
    }

    private TestBroker.Delivery awaitDeliveryOf(String orderId) {
        await("OrderPlaced of " + orderId)
                .atMost(Duration.ofSeconds(10))
                .until(() -> consumer.deliveries().stream().anyMatch(d -> new String(d.body()).contains(orderId)));
        return consumer.deliveries().stream()
                .filter(d -> new String(d.body()).contains(orderId))
                .findFirst()
                .orElseThrow();
    }
}
