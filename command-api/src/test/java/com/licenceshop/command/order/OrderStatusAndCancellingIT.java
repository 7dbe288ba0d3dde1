package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.ConsumingCommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.EventType;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OrderStatusAndCancellingIT extends ConsumingCommandApiIT {

    String place(String email, String sku, int quantity) {
        var response = http.postJson("/api/orders", Http.order(email, sku, quantity));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) response.json().get("orderId");
    }

    @Test
    void anOrderShowsItsLinesTotalStatusAndPlacementTime() {
        Instant before = Instant.now().minusSeconds(1);
        String orderId = place("status@example.com", "PROFESSIONAL", 2);

        var response = http.get("/api/orders/" + orderId);

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> order = response.json();
        assertThat(order)
                .containsEntry("orderId", orderId)
                .containsEntry("customerEmail", "status@example.com")
                .containsEntry("currency", "EUR")
                .containsEntry("totalCents", 300_000)
                .containsEntry("status", "PLACED")
                .containsEntry("cancelledAt", null);
        assertThat(order.get("lines"))
                .isEqualTo(List.of(Map.of(
                        "sku",
                        "PROFESSIONAL",
                        "name",
                        "Professional",
                        "quantity",
                        2,
                        "unitPriceCents",
                        150_000,
                        "lineTotalCents",
                        300_000)));
        assertThat(Instant.parse((String) order.get("placedAt")))
                .isBetween(before, Instant.now().plusSeconds(1));
        // the trace of the request that placed it: 32 hex digits, as the trace UI and the logs show it
        assertThat((String) order.get("traceId")).matches("[0-9a-f]{32}");
    }

    @Test
    void onlyTheBuyerOrOpsReadOrCancelAndNothingIsCached() {
        String orderId = place("buyer@example.com", "ENTERPRISE", 2);
        String token = http.tokenOf(orderId);
        Http stranger = new Http(server.getURI());

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        for (String[] proof :
                List.<String[]>of(new String[0], new String[] {"Order-Token", "x" + token.substring(1)}, new String[] {
                    "Order-Token", token.substring(0, 42)
                })) {
            var request = stranger.request("/api/orders/" + orderId).GET();
            var read = stranger.send(proof.length == 0 ? request : request.headers(proof));
            assertThat(read.status()).isEqualTo(404);
            assertThat(read.body()).doesNotContain("buyer@example.com");
            var cancel = stranger.postJson("/api/orders/" + orderId + "/cancel", Map.of(), proof);
            assertThat(cancel.status()).isEqualTo(404);
        }
        var byTheBuyer = http.get("/api/orders/" + orderId);
        assertThat(byTheBuyer.status()).isEqualTo(200);
        assertThat(byTheBuyer.json())
                .containsEntry("status", "PLACED")
                .containsEntry("customerEmail", "buyer@example.com");
        assertThat(byTheBuyer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(stranger.getAsOps("/api/orders/" + orderId).status()).isEqualTo(200);
        assertThat(stranger.postJson("/api/orders/" + orderId + "/cancel", Map.of(), "Order-Token", token)
                        .status())
                .isEqualTo(202);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        var response = http.get("/api/orders/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:not-found");
    }

    @Test
    void cancellingRecordsOrderCancelledWithWhatThePlacementAdded() throws Exception {
        String orderId = place("cancel@example.com", "STARTER", 3);

        var response = http.postJson("/api/orders/" + orderId + "/cancel", Map.of());

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json()).isEqualTo(Map.of("orderId", orderId, "status", "CANCELLED"));
        var order = http.get("/api/orders/" + orderId).json();
        assertThat(order).containsEntry("status", "CANCELLED");
        assertThat(order.get("cancelledAt")).isNotNull();

        OrderPlaced placed = (OrderPlaced) awaitEvent(orderId, EventType.ORDER_PLACED);
        OrderCancelled cancelled = (OrderCancelled) awaitEvent(orderId, EventType.ORDER_CANCELLED);
        assertThat(cancelled.placedSequence()).isEqualTo(placed.sequence());
        assertThat(cancelled.sequence()).isGreaterThan(placed.sequence());
        assertThat(cancelled.placedAt()).isEqualTo(placed.occurredAt());
        assertThat(cancelled.customerEmail()).isEqualTo("cancel@example.com");
        assertThat(cancelled.currency()).isEqualTo("EUR");
        assertThat(cancelled.lines()).containsExactly(new OrderLine("STARTER", "Starter", 3, 50_000, 150_000));
        assertThat(cancelled.totalCents()).isEqualTo(150_000);
        var delivery = consumer.deliveries().stream()
                .filter(d -> d.messageId().equals(cancelled.eventId().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(delivery.routingKey()).isEqualTo("order.cancelled");
        assertThat(delivery.properties().getType()).isEqualTo("OrderCancelled");
    }

    @Test
    void cancellingTwiceRecordsOneEvent() throws Exception {
        String orderId = place("twice@example.com", "ENTERPRISE", 1);

        assertThat(http.postJson("/api/orders/" + orderId + "/cancel", Map.of()).status())
                .isEqualTo(202);
        var again = http.postJson("/api/orders/" + orderId + "/cancel", Map.of());

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json()).containsEntry("status", "CANCELLED");
        assertThat(cancelEventsOf(orderId)).isEqualTo(1);
    }

    @Test
    void concurrentCancelsRecordOneEvent() throws Exception {
        String orderId = place("race@example.com", "STARTER", 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return http.send(http.request("/api/orders/" + orderId + "/cancel")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()))
                            .status();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cancelEventsOf(orderId)).isEqualTo(1);
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() throws Exception {
        var response = http.postJson("/api/orders/" + UUID.randomUUID() + "/cancel", Map.of());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:not-found");
        assertThat(count("SELECT count(*) FROM commands.events WHERE type = 'OrderCancelled' AND aggregate_id NOT IN "
                        + "(SELECT id::text FROM commands.orders)"))
                .isZero();
    }

    long cancelEventsOf(String orderId) throws Exception {
        return count("SELECT count(*) FROM commands.events WHERE type = 'OrderCancelled' AND aggregate_id = '" + orderId
                + "'");
    }
}
