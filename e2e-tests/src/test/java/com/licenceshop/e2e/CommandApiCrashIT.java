package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.TestHttp;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The command API SIGKILLed while shoppers buy as fast as it answers (group commit at work: batches in flight).
 *
 * <p>What the design guarantees: every order answered 202 is committed (answers go out only after their
 * batch's commit). An order that was NOT answered may exist too, but only as a whole committed transaction
 * (order, lines, event, Idempotency-Key together), never in part; then it is projected and mailed like any
 * other, and the shopper's retry with the same Idempotency-Key gets that very order back instead of a second
 * one. This test checks exactly that; then every order is paid by card (ADR 13) and mailed once, with its keys.
 */
class CommandApiCrashIT extends AgainstTheWholeShop {

    private static final Pattern ORDER_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String[] SKUS = {"STARTER", "PROFESSIONAL", "ENTERPRISE"};

    record Purchase(String key, String email, String sku, int quantity) {
        Map<String, Object> body() {
            return Map.of("customerEmail", email, "items", List.of(Map.of("sku", sku, "quantity", quantity)));
        }
    }

    static TestHttp.Response place(String baseUrl, Purchase purchase) {
        return TestHttp.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", purchase.key())
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.write(purchase.body()))));
    }

    @Test
    void acceptedOrdersSurviveASigkillAndUnansweredOnesExistWhollyOnce() throws Exception {
        Map<String, Purchase> sent = new ConcurrentHashMap<>();
        Map<String, String> answered = new ConcurrentHashMap<>(); // key -> order id of the 202
        Map<String, String> tokenOfOrder = new ConcurrentHashMap<>(); // order id -> its access token, to pay it
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        List<String> otherAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean buying = new AtomicBoolean(true);
        String api = shop.commandApi().baseUrl();
        int shoppers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(shoppers);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < shoppers; s++) {
            int shopper = s;
            running.add(pool.submit(() -> {
                int n = 0;
                while (buying.get()) {
                    n++;
                    String key = UUID.randomUUID().toString();
                    Purchase purchase =
                            new Purchase(key, "crash-" + key + "@example.com", SKUS[(shopper + n) % 3], 1 + n % 4);
                    sent.put(key, purchase);
                    try {
                        var response = place(api, purchase);
                        if (response.status() == 202) {
                            answered.put(key, (String) response.json().get("orderId"));
                            tokenOfOrder.put((String) response.json().get("orderId"), (String)
                                    response.json().get("orderToken"));
                        } else {
                            otherAnswers.add(response.status() + " " + response.body());
                        }
                    } catch (UncheckedIOException e) {
                        unanswered.add(key);
                        return; // the API is gone: this shopper comes back later (the retry below)
                    }
                }
            }));
        }
        try {
            await("orders accepted under load").atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 300);
            shop.commandApi().kill();
        } finally {
            buying.set(false);
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
        }
        assertThat(otherAnswers).as("answers other than 202").isEmpty();
        assertThat(unanswered).as("requests cut off by the kill").isNotEmpty();

        // the orchestrator starts a new instance; its relay publishes what the dead one had not
        ServiceProcess restarted = shop.startCommandApiInItsPlace("command-api-after-sigkill");

        Map<String, String> orderOfKey = new HashMap<>(answered);
        Set<String> committedButUnanswered = new HashSet<>();
        try (Connection db = shop.connect()) {
            for (String key : answered.keySet()) {
                assertThat(placedEvents(db, "aggregate_id = '" + answered.get(key) + "'"))
                        .as("event of answered order %s", key)
                        .isEqualTo(1);
            }
            // an unanswered order is there as a whole or not at all
            for (String key : unanswered) {
                String email = sent.get(key).email();
                long events = placedEvents(db, "payload->>'customerEmail' = '" + email + "'");
                long orders = single(db, "SELECT count(*) FROM commands.orders WHERE customer_email = '" + email + "'");
                long lines = single(
                        db,
                        "SELECT count(*) FROM commands.order_lines l JOIN commands.orders o ON o.id = l.order_id WHERE o.customer_email = '"
                                + email + "'");
                long keys = single(db, "SELECT count(*) FROM commands.idempotency_keys WHERE key = '" + key + "'");
                assertThat(new HashSet<>(List.of(events, orders, lines, keys)))
                        .as("event, order, line, key of unanswered %s", key)
                        .isIn(Set.of(0L), Set.of(1L));
                if (events == 1) {
                    committedButUnanswered.add(key);
                }
            }
        }
        // the shoppers retry what got no answer, with the same key: a committed one comes back, the rest is placed now
        for (String key : unanswered) {
            var retry = place(restarted.baseUrl(), sent.get(key));
            assertThat(retry.status()).as(retry.body()).isEqualTo(202);
            orderOfKey.put(key, (String) retry.json().get("orderId"));
            tokenOfOrder.put(
                    (String) retry.json().get("orderId"), (String) retry.json().get("orderToken"));
            assertThat(retry.raw().headers().firstValue("Idempotent-Replayed").isPresent())
                    .as("retry of %s replayed", key)
                    .isEqualTo(committedButUnanswered.contains(key));
        }
        Set<String> orderIds = Set.copyOf(orderOfKey.values());
        assertThat(orderIds).hasSize(sent.size());
        payEvery(restarted.baseUrl(), tokenOfOrder);

        try (Connection db = shop.connect()) {
            assertThat(placedEvents(db, "true"))
                    .as("OrderPlaced events in the store")
                    .isEqualTo(sent.size());
            assertThat(Set.copyOf(strings(db, "SELECT aggregate_id FROM commands.events WHERE type = 'OrderPlaced'")))
                    .isEqualTo(orderIds);
        }
        await("every order projected once").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            try (Connection db = shop.connect()) {
                assertThat(single(db, "SELECT orders FROM sales.current_summary"))
                        .isEqualTo(orderIds.size());
                assertThat(Set.copyOf(strings(db, "SELECT order_id::text FROM sales.order_status")))
                        .isEqualTo(orderIds);
            }
        });
        await("every order mailed").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            try (Connection db = shop.connect()) {
                assertThat(
                                single(
                                        db,
                                        "SELECT count(*) FROM notifications.mails WHERE kind = 'ORDER_CONFIRMATION' AND status = 'SENT'"))
                        .isEqualTo(orderIds.size());
            }
        });
        Map<String, Set<String>> messageIdsByOrder = List.of(shop.smtp.getReceivedMessages()).stream()
                .collect(Collectors.groupingBy(
                        CommandApiCrashIT::orderIdIn,
                        Collectors.mapping(CommandApiCrashIT::messageId, Collectors.toSet())));
        assertThat(messageIdsByOrder.keySet()).isEqualTo(orderIds);
        assertThat(messageIdsByOrder.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    }

    /** The shoppers pay their orders by card (ADR 13): the keys and their mail follow each payment. */
    private static void payEvery(String api, Map<String, String> tokenOfOrder) throws Exception {
        List<String> unpaid = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService payers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> payments = new ArrayList<>();
            tokenOfOrder.forEach((orderId, token) -> payments.add(
                    payers.submit(() -> CardPayment.pay(api, orderId, token).ifPresent(unpaid::add))));
            for (Future<?> payment : payments) {
                payment.get();
            }
        } finally {
            payers.shutdown();
        }
        assertThat(unpaid).as("orders the card did not pay").isEmpty();
    }

    private static long placedEvents(Connection db, String where) throws java.sql.SQLException {
        return single(db, "SELECT count(*) FROM commands.events WHERE type = 'OrderPlaced' AND " + where);
    }

    private static long single(Connection db, String sql) throws java.sql.SQLException {
        try (ResultSet row = db.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> strings(Connection db, String sql) throws java.sql.SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static String orderIdIn(MimeMessage mail) {
        Matcher matcher = ORDER_ID.matcher(Mails.text(mail));
        return matcher.find() ? matcher.group() : "no order id";
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
