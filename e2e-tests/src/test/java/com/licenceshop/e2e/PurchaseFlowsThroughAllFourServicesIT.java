package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.EventType;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestHttp;
import com.rabbitmq.client.AMQP;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton: purchases placed and paid by card over HTTP flow through the event store, the broker, the
 * projector and the notifier, with every service a real process on real PostgreSQL, RabbitMQ and SMTP (and the local
 * card provider).
 */
class PurchaseFlowsThroughAllFourServicesIT extends AgainstTheWholeShop {

    private Map<String, Long> priceOf;

    @BeforeAll
    void readThePrices() {
        priceOf = new HashMap<>();
        for (Map<String, Object> product :
                TestHttp.get(shop.commandApi().baseUrl() + "/api/products").jsonList()) {
            priceOf.put((String) product.get("sku"), ((Number) product.get("unitPriceCents")).longValue());
        }
    }

    @Test
    void eachProcessAnswersWithItsOwnInstanceInBodyAndHeader() {
        Set<String> instances = new HashSet<>();
        for (ServiceProcess service :
                List.of(shop.commandApi(), shop.salesProjector(), shop.notificationService(), shop.webUi())) {
            TestHttp.Response answer = TestHttp.get(service.baseUrl() + "/instance");

            assertThat(answer.status()).as("%s /instance", service.name()).isEqualTo(200);
            String instance = (String) answer.json().get("instance");
            assertThat(answer.json()).as(service.name()).containsKeys("service", "startedAt");
            assertThat(answer.json()).containsEntry("service", service.name());
            // four processes on one host: the pid tells them apart
            assertThat(instance).as(service.name()).startsWith(service.pid() + "@");
            // the header tells them apart too, by the instance's random tag, without the pid
            assertThat(answer.raw().headers().firstValue("X-Instance-Id"))
                    .as(service.name())
                    .hasValue((String) answer.json().get("tag"));
            instances.add(instance);
        }
        assertThat(instances).hasSize(4);
    }

    @Test
    void everyPurchaseIsCountedInTheSummaryAndConfirmedByOneMail() throws Exception {
        Summary before = summary();
        int mailsBefore = shop.smtp.getReceivedMessages().length;
        List<Purchase> purchases = List.of(
                new Purchase("ada@example.com", "STARTER", 1),
                new Purchase("grace@example.com", "PROFESSIONAL", 2),
                new Purchase("linus@example.com", "ENTERPRISE", 1),
                new Purchase("barbara@example.com", "STARTER", 3),
                new Purchase("ken@example.com", "PROFESSIONAL", 1));

        Map<String, Purchase> byOrderId = new HashMap<>();
        for (Purchase purchase : purchases) {
            byOrderId.put(place(purchase), purchase);
        }

        long expectedRevenue = purchases.stream()
                .mapToLong(p -> priceOf.get(p.sku()) * p.quantity())
                .sum();
        long expectedLicences = purchases.stream().mapToLong(Purchase::quantity).sum();
        await("all purchases counted").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Summary now = summary();
            assertThat(now.orders() - before.orders()).isEqualTo(purchases.size());
            assertThat(now.licences() - before.licences()).isEqualTo(expectedLicences);
            assertThat(now.revenueCents() - before.revenueCents()).isEqualTo(expectedRevenue);
        });
        assertThat(webUiSummaryRevenue()).isEqualTo(summary().revenueCents());

        await("one mail per purchase")
                .atMost(Duration.ofSeconds(30))
                .until(() -> shop.smtp.getReceivedMessages().length >= mailsBefore + purchases.size());
        assertNoFurtherMailsArrive(mailsBefore + purchases.size());

        List<MimeMessage> mails = newMails(mailsBefore);
        for (var entry : byOrderId.entrySet()) {
            String orderId = entry.getKey();
            Purchase purchase = entry.getValue();
            List<MimeMessage> forOrder =
                    mails.stream().filter(m -> text(m).contains(orderId)).toList();
            assertThat(forOrder).as("mails for order %s", orderId).hasSize(1);
            MimeMessage mail = forOrder.get(0);
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(purchase.email());
            assertThat(text(mail)).contains(formatted(priceOf.get(purchase.sku()) * purchase.quantity()));
        }
    }

    @Test
    void eventsDeliveredTwiceChangeTheTotalsOnceAndSendOneMail() throws Exception {
        String orderId = place(new Purchase("edsger@example.com", "ENTERPRISE", 2));
        await("order counted and mailed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> countedOrders(orderId) == 1 && mailsFor(orderId) == 1);
        Summary once = summary();
        int mailsOnce = shop.smtp.getReceivedMessages().length;

        // the order counts on OrderPlaced, its mail (the keys) goes out on LicencesIssued: both arrive again
        for (EventType type : List.of(EventType.ORDER_PLACED, EventType.LICENCES_ISSUED)) {
            StoredEvent event = storedEventOf(orderId, type);
            var properties = new AMQP.BasicProperties.Builder()
                    .messageId(event.eventId())
                    .type(type.typeName())
                    .contentType("application/json")
                    .deliveryMode(2)
                    .headers(Map.of(MessageHeaders.SEQUENCE, event.sequence(), MessageHeaders.SCHEMA_VERSION, 1))
                    .build();
            try (var broker = new TestBroker(shop.topology)) {
                broker.publish(type.routingKey(), properties, event.payload());
            }
        }

        await("redelivery consumed by both consumers")
                .atMost(Duration.ofSeconds(30))
                .until(() -> TestBroker.messagesIn(shop.topology.salesProjectorQueue()) == 0
                        && TestBroker.messagesIn(shop.topology.notificationQueue()) == 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(summary()).isEqualTo(once);
            assertThat(shop.smtp.getReceivedMessages()).hasSize(mailsOnce);
        });
        assertThat(mailsFor(orderId)).isEqualTo(1);
    }

    private record Purchase(String email, String sku, int quantity) {}

    private record Summary(long orders, long licences, long revenueCents) {}

    private record StoredEvent(String eventId, long sequence, byte[] payload) {}

    private String place(Purchase purchase) {
        var response = TestHttp.post(
                shop.commandApi().baseUrl() + "/api/orders",
                Map.of(
                        "customerEmail", purchase.email(),
                        "items", List.of(Map.of("sku", purchase.sku(), "quantity", purchase.quantity()))));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String orderId = (String) response.json().get("orderId");
        CardPayment.payOrFail(
                shop.commandApi().baseUrl(), orderId, (String) response.json().get("orderToken"));
        return orderId;
    }

    private Summary summary() throws SQLException {
        try (Connection db = shop.connect();
                ResultSet row = db.createStatement()
                        .executeQuery("SELECT orders, licences, revenue_cents FROM sales.current_summary")) {
            assertThat(row.next()).as("sales.current_summary has its one row").isTrue();
            return new Summary(row.getLong(1), row.getLong(2), row.getLong(3));
        }
    }

    private long webUiSummaryRevenue() {
        var response = TestHttp.getAs(
                shop.webUi().baseUrl() + "/api/sales/summary", ShopStack.SALES_STAFF, shop.staffPassword);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ((Number) response.json().get("revenueCents")).longValue();
    }

    private int countedOrders(String orderId) throws SQLException {
        return count("SELECT count(*) FROM sales.order_status WHERE order_id = '" + orderId + "'");
    }

    private int mailsFor(String orderId) throws SQLException {
        return count("SELECT count(*) FROM notifications.mails WHERE order_id = '" + orderId + "' AND status = 'SENT'");
    }

    private int count(String sql) throws SQLException {
        try (Connection db = shop.connect();
                ResultSet row = db.createStatement().executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Reads the event as ops would: from the command API's feed. */
    private StoredEvent storedEventOf(String orderId, EventType type) {
        var feed = TestHttp.getAs(
                shop.commandApi().baseUrl() + "/api/events?after=0&limit=1000",
                ShopStack.OPS_USERNAME,
                shop.opsPassword);
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        for (String line : feed.body().split("\n")) {
            if (line.contains(orderId) && line.contains("\"" + type.typeName() + "\"")) {
                Map<String, Object> event =
                        TestHttp.read(line, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
                return new StoredEvent(
                        (String) event.get("eventId"),
                        ((Number) event.get("sequence")).longValue(),
                        line.getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("no " + type.typeName() + " for " + orderId + " in the feed");
    }

    private void assertNoFurtherMailsArrive(int expected) {
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> shop.smtp.getReceivedMessages().length == expected);
    }

    private List<MimeMessage> newMails(int before) {
        MimeMessage[] all = shop.smtp.getReceivedMessages();
        return new ArrayList<>(List.of(all).subList(before, all.length));
    }

    private static String text(MimeMessage message) {
        return Mails.text(message);
    }

    /** 150000 cents → "1,500.00", as the mail shows money. */
    private static String formatted(long cents) {
        return String.format(java.util.Locale.ENGLISH, "%,d.%02d", cents / 100, cents % 100);
    }
}
