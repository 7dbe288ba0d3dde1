package com.licenceshop.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.EventStream;
import com.licenceshop.web.support.OrderPaths;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an open live stream may cost: how many there may be, what wakes them, and when they end. */
@WebUiIT
class LiveStreamsIT extends AgainstTheTestShop {

    @Inject
    DatabaseNotifications notifications;

    @Inject
    LiveStreamLimits limits;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("shop.live.max-streams-per-client", "3");
        properties.put("shop.live.max-streams-per-order", "2");
        properties.put("micronaut.security.token.generator.access-token.expiration", "5");
        return properties;
    }

    @Test
    void streamsAreCappedPerOrderAndPerClient() {
        Visitor shopper = shop.visitor();
        String first = placeOrder(shopper);
        String second = placeOrder(shopper);
        String third = placeOrder(shopper);
        await().atMost(Duration.ofSeconds(10)).until(() -> limits.openFor("client:127.0.0.1") == 0);

        EventStream a1 = open(first, shopper);
        EventStream a2 = open(first, shopper);
        EventStream a3 = EventStream.open(shop.baseUri(), OrderPaths.eventsPath(first), shopper.cookies());
        await("a third stream of one order refused")
                .atMost(Duration.ofSeconds(10))
                .until(() -> a3.status() == 429);
        EventStream b1 = open(second, shopper);
        EventStream c1 = EventStream.open(shop.baseUri(), OrderPaths.eventsPath(third), shopper.cookies());
        await("a fourth stream of one client refused")
                .atMost(Duration.ofSeconds(10))
                .until(() -> c1.status() == 429);

        assertThat(limits.openFor("client:127.0.0.1")).isEqualTo(3);
        for (EventStream stream : new EventStream[] {a1, a2, a3, b1, c1}) {
            stream.close();
        }
    }

    @Test
    void anOrderStreamEndsOnceTheOrderIsFinished() {
        Visitor shopper = shop.visitor();
        String order = placeOrder(shopper);
        UUID orderId = UUID.fromString(OrderPaths.idOf(order));
        shop.database.counted(orderId, "PLACED", Instant.now());
        shop.database.mail(orderId, "ORDER_CONFIRMATION", "SENT", Instant.now());

        try (EventStream stream = EventStream.open(shop.baseUri(), OrderPaths.eventsPath(order), shopper.cookies())) {
            await("the stream ends").atMost(Duration.ofSeconds(10)).until(stream::ended);
            assertThat(stream.named("progress")).hasSize(1);
            assertThat(stream.named("progress").get(0).data()).contains("\"finished\":true");
        }
    }

    @Test
    void projectorBatchesStopWakingACountedOrdersStream() {
        Visitor shopper = shop.visitor();
        String order = placeOrder(shopper);
        UUID orderId = UUID.fromString(OrderPaths.idOf(order));
        shop.database.counted(orderId, "PLACED", Instant.now());
        await("listening").atMost(Duration.ofSeconds(10)).until(notifications::isListening);

        try (EventStream stream = EventStream.open(shop.baseUri(), OrderPaths.eventsPath(order), shopper.cookies())) {
            await("the current progress first")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !stream.named("progress").isEmpty());
            double readsBefore = reads();

            for (int i = 0; i < 5; i++) {
                shop.database.notify("sales_position", String.valueOf(100 + i));
            }

            await("no read for other orders' batches")
                    .during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> reads() == readsBefore);
            shop.database.mail(orderId, "ORDER_CONFIRMATION", "SENT", Instant.now());
            shop.database.notify("mail_sent", orderId.toString());
            await("its own mail still pushed").atMost(Duration.ofSeconds(5)).until(stream::ended);
            assertThat(reads()).isEqualTo(readsBefore + 1);
        }
    }

    @Test
    void aStaffStreamEndsWhenTheLoginExpires() {
        Visitor alice = shop.loggedIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD);

        try (EventStream stream = EventStream.open(shop.baseUri(), "/sales/events", alice.cookies())) {
            await("the current figures first")
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> !stream.named("figures").isEmpty());
            await("the stream ends with the login")
                    .atMost(Duration.ofSeconds(10))
                    .until(stream::ended);
        }
    }

    private double reads() {
        return meters.counter("shop.live.reads", "stream", "progress").count();
    }

    private EventStream open(String order, Visitor shopper) {
        EventStream stream = EventStream.open(shop.baseUri(), OrderPaths.eventsPath(order), shopper.cookies());
        await("stream of " + order + " open")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !stream.named("progress").isEmpty());
        return stream;
    }

    private String placeOrder(Visitor shopper) {
        Visitor.Page placed = shopper.submit(
                shopper.get("/"),
                "/orders",
                Map.of(
                        "customerEmail",
                        "grace@example.com",
                        "sku",
                        "STARTER",
                        "quantity",
                        "1",
                        "idempotencyKey",
                        UUID.randomUUID().toString()));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        return placed.location();
    }
}
