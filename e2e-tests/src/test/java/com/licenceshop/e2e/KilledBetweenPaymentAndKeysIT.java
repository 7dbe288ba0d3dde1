package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.TestHttp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 23: the command API SIGKILLed between payment and key issue (ADR 13, "Keys exactly once"). Many card orders
 * are paid at the local provider at once; command-api is killed while their {@code checkout.session.completed}
 * webhooks arrive (each delivered twice, same event id) and are being applied; the payments made while it is down
 * reach it only through the provider's retries or, once those gave up, the {@code RECONCILE} deadlines after the
 * restart (on the same port, as an orchestrator would). Afterwards each paid order must have one
 * {@code PaymentSucceeded}, one {@code LicencesIssued} (one key set), one keys mail, and be counted as paid once by
 * the read side — a second issue (two transactions instead of one, a trigger not deduplicated by the process's state)
 * shows up as two events, two mails or a doubled paid figure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledBetweenPaymentAndKeysIT {

    private static final int ORDERS = 40;
    private static final String[] SKUS = {"STARTER", "PROFESSIONAL", "ENTERPRISE"};
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private ShopStack shop;

    record Placed(String orderId, String token, String checkoutUrl) {}

    @BeforeAll
    void startTheShop() {
        // the switch explicitly on (its default is another branch's business); reconciliation soon and often, so the
        // payments whose webhooks the provider gave up on during the outage are found within the test's patience
        shop = ShopStack.start(Map.of(
                "PAYMENT_REQUIRED", "true",
                "RECONCILE_AFTER", "2s",
                "SHOP_PAYMENT_RECONCILE_MAX", "4s"));
    }

    @AfterAll
    void stopTheShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void ordersPaidAroundASigkillGetTheirKeysOnceAfterTheRestart() throws Exception {
        ServiceProcess api = shop.commandApi();
        List<Placed> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(placeAndOpenCheckout(api.baseUrl(), i));
        }
        Set<String> orderIds = orders.stream().map(Placed::orderId).collect(Collectors.toSet());
        provider(
                "/test-controls/webhooks/faults",
                "fault=duplicate&event_type=checkout.session.completed&count=" + ORDERS);

        // the first half is paid all at once and command-api killed while their webhooks arrive and are applied; the
        // second half is paid while it is down, so their webhooks meet no one until the restart (or never: reconciled)
        Map<String, Integer> payAnswers = new ConcurrentHashMap<>();
        ExecutorService payers = Executors.newFixedThreadPool(8);
        long keysAtTheKill;
        try {
            List<Future<?>> paying = new ArrayList<>();
            for (Placed order : orders.subList(0, ORDERS / 2)) {
                paying.add(payers.submit(() -> payAnswers.put(order.orderId(), payByCard(order.checkoutUrl()))));
            }
            await("the first keys issued")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        try (Connection db = shop.connect()) {
                            return count(db, "LicencesIssued") >= ORDERS / 8;
                        }
                    });
            api.kill();
            try (Connection db = shop.connect()) {
                keysAtTheKill = count(db, "LicencesIssued");
            }
            for (Placed order : orders.subList(ORDERS / 2, ORDERS)) {
                paying.add(payers.submit(() -> payAnswers.put(order.orderId(), payByCard(order.checkoutUrl()))));
            }
            for (Future<?> f : paying) {
                f.get();
            }
        } finally {
            payers.shutdownNow();
        }
        assertThat(payAnswers)
                .as("every card paid at the provider (303 to the shop)")
                .hasSize(ORDERS);
        assertThat(Set.copyOf(payAnswers.values())).containsExactly(303);
        assertThat(keysAtTheKill)
                .as("orders with keys when command-api was killed")
                .isBetween((long) ORDERS / 8, (long) ORDERS / 2);
        await("webhooks refused while command-api is down")
                .atMost(PATIENCE)
                .until(() -> completions().stream()
                        .anyMatch(d ->
                                !"DELIVERED".equals(d.get("status")) || ((Number) d.get("attempts")).intValue() > 1));

        ServiceProcess restarted = shop.startService("command-api", "command-api-after-sigkill", api.port());

        await("every paid order has its keys").atMost(PATIENCE).untilAsserted(() -> {
            try (Connection db = shop.connect()) {
                assertThat(strings(
                                db,
                                "SELECT order_id::text FROM commands.payment_processes WHERE status = 'KEYS_ISSUED'"))
                        .containsExactlyInAnyOrderElementsOf(orderIds);
            }
        });
        // nothing that could issue keys once more is still on its way: no open deadline, no webhook pending
        await("the deadlines and webhooks settled").atMost(PATIENCE).untilAsserted(() -> {
            try (Connection db = shop.connect()) {
                assertThat(
                                single(
                                        db,
                                        "SELECT count(*) FROM commands.payment_deadlines WHERE fired_at IS NULL AND cancelled_at IS NULL"))
                        .isZero();
            }
            assertThat(completions())
                    .allSatisfy(d -> assertThat(d.get("status")).isNotEqualTo("PENDING"));
        });
        assertThat(restarted.isAlive()).isTrue();

        Map<String, List<String>> keysOfOrder = new HashMap<>();
        try (Connection db = shop.connect()) {
            for (String type : List.of("PaymentSucceeded", "LicencesIssued")) {
                assertThat(countsPerOrder(db, type))
                        .as("%s per order", type)
                        .isEqualTo(orderIds.stream().collect(Collectors.toMap(id -> id, id -> 1L)));
            }
            try (ResultSet rows = db.createStatement()
                    .executeQuery(
                            "SELECT aggregate_id, l->>'key' FROM commands.events, jsonb_array_elements(payload::jsonb->'licences') l"
                                    + " WHERE type = 'LicencesIssued'")) {
                while (rows.next()) {
                    keysOfOrder
                            .computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        }
        assertThat(keysOfOrder.keySet()).isEqualTo(orderIds);
        assertThat(keysOfOrder.values()).allSatisfy(keys -> assertThat(keys).hasSize(1));

        await("one keys mail per order").atMost(PATIENCE).untilAsserted(() -> {
            try (Connection db = shop.connect()) {
                assertThat(
                                single(
                                        db,
                                        "SELECT count(*) FROM notifications.mails WHERE kind = 'ORDER_CONFIRMATION' AND status = 'SENT'"))
                        .isEqualTo(ORDERS);
            }
            assertThat(keyMailsByOrder().keySet()).isEqualTo(orderIds);
        });
        Map<String, List<MimeMessage>> mails = keyMailsByOrder();
        for (String orderId : orderIds) {
            assertThat(mails.get(orderId)).as("keys mails of %s", orderId).hasSize(1);
            assertThat(Mails.text(mails.get(orderId).get(0)))
                    .contains(keysOfOrder.get(orderId).get(0));
        }

        await("each payment counted once by the read side").atMost(PATIENCE).untilAsserted(() -> {
            try (Connection db = shop.connect()) {
                assertThat(strings(
                                db,
                                "SELECT order_id::text FROM sales.order_status WHERE payment_status = 'KEYS_ISSUED'"))
                        .containsExactlyInAnyOrderElementsOf(orderIds);
                assertThat(single(db, "SELECT count(*) FROM sales.order_payments WHERE paid_cents <> due_cents"))
                        .isZero();
                assertThat(single(db, "SELECT paid_cents FROM sales.current_payment_summary"))
                        .isEqualTo(single(db, "SELECT sum(due_cents) FROM sales.order_payments"))
                        .isEqualTo(
                                single(
                                        db,
                                        "SELECT sum((payload::jsonb->>'amountCents')::bigint) FROM commands.events WHERE type = 'PaymentSucceeded'"));
                assertThat(single(db, "SELECT orders_awaiting_payment FROM sales.current_payment_summary"))
                        .isZero();
            }
        });
    }

    private Placed placeAndOpenCheckout(String api, int n) {
        var placed = TestHttp.post(
                api + "/api/orders",
                Map.of(
                        "customerEmail",
                        "killed-" + n + "@example.com",
                        "items",
                        List.of(Map.of("sku", SKUS[n % SKUS.length], "quantity", 1 + n % 3)),
                        "paymentMethod",
                        "CARD"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        String orderId = (String) placed.json().get("orderId");
        String token = (String) placed.json().get("orderToken");
        // the order's process row is written in the intake's batch: checkout is possible once the 202 is out
        var checkout = TestHttp.postWithToken(api + "/api/orders/" + orderId + "/checkout", token);
        assertThat(checkout.status()).as(checkout.body()).isIn(200, 201);
        return new Placed(orderId, token, (String) checkout.json().get("checkoutUrl"));
    }

    /** The provider's hosted form with the card that pays; its answer (303 to the shop when paid). */
    private static int payByCard(String checkoutUrl) {
        String form = "card_number=" + URLEncoder.encode("4242 4242 4242 4242", StandardCharsets.UTF_8)
                + "&card_expiry=" + URLEncoder.encode("12 / 34", StandardCharsets.UTF_8) + "&card_cvc=123";
        return TestHttp.send(HttpRequest.newBuilder(URI.create(checkoutUrl))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(form)))
                .status();
    }

    private TestHttp.Response provider(String path, String form) {
        var response = TestHttp.send(HttpRequest.newBuilder(URI.create(shop.paymentProviderUrl() + path))
                .header("Authorization", "Bearer " + shop.paymentSecretKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** The provider's deliveries of checkout.session.completed so far (status, attempts). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> completions() {
        var response = TestHttp.send(
                HttpRequest.newBuilder(URI.create(shop.paymentProviderUrl() + "/test-controls/webhooks/deliveries"))
                        .header("Authorization", "Bearer " + shop.paymentSecretKey)
                        .GET());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) response.json().get("data"))
                .stream()
                        .filter(d -> "checkout.session.completed".equals(d.get("type")))
                        .toList();
    }

    private Map<String, List<MimeMessage>> keyMailsByOrder() {
        return List.of(shop.smtp.getReceivedMessages()).stream()
                .filter(mail -> subject(mail).contains("licence keys"))
                .collect(Collectors.groupingBy(Mails::orderIdIn));
    }

    private static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection db, String type) throws SQLException {
        return single(db, "SELECT count(*) FROM commands.events WHERE type = '" + type + "'");
    }

    private static Map<String, Long> countsPerOrder(Connection db, String type) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (ResultSet rows = db.createStatement()
                .executeQuery("SELECT aggregate_id, count(*) FROM commands.events WHERE type = '" + type
                        + "' GROUP BY aggregate_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (ResultSet row = db.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
