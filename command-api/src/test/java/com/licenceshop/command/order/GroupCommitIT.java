package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.testsupport.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Group commit keeps every promise of one-transaction-per-order: concurrent twins under one Idempotency-Key,
 * twins in the same batch, and a command the database refuses in the middle of a batch.
 */
@MicronautTest(transactional = false)
class GroupCommitIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry meters;

    Http http;
    final ExecutorService pool = Executors.newFixedThreadPool(200);

    @BeforeAll
    void client() {
        http = new Http(server.getURI());
    }

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    /** Sends all requests at once while the writers are held back, then lets them go. */
    List<TestHttp.Response> burst(List<Callable<TestHttp.Response>> requests) throws Exception {
        double before = WriterGate.batched(meters);
        List<Future<TestHttp.Response>> answers = new ArrayList<>();
        try (var gate = WriterGate.close(database)) {
            for (Callable<TestHttp.Response> request : requests) {
                answers.add(pool.submit(request));
            }
            WriterGate.awaitWaiting(meters, before, requests.size());
        }
        List<TestHttp.Response> responses = new ArrayList<>();
        for (Future<TestHttp.Response> answer : answers) {
            responses.add(answer.get());
        }
        return responses;
    }

    Callable<TestHttp.Response> order(String email, String sku, int quantity, String key) {
        return () -> key == null
                ? http.postJson("/api/orders", Http.order(email, sku, quantity))
                : http.postJson("/api/orders", Http.order(email, sku, quantity), "Idempotency-Key", key);
    }

    @Test
    void twoHundredOrdersSharingKeysPairwiseMakeExactly175() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Callable<TestHttp.Response>> requests = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            requests.add(order("single-" + run + "-" + i + "@example.com", "STARTER", 1 + i % 3, null));
        }
        for (int i = 0; i < 25; i++) {
            String key = "pair-" + run + "-" + i;
            keys.add(key);
            requests.add(order("twin-" + run + "-" + i + "@example.com", "PROFESSIONAL", 2, key));
            requests.add(order("twin-" + run + "-" + i + "@example.com", "PROFESSIONAL", 2, key));
        }

        List<TestHttp.Response> responses = burst(requests);

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(202));
        for (int i = 0; i < 25; i++) {
            TestHttp.Response first = responses.get(150 + 2 * i);
            TestHttp.Response second = responses.get(151 + 2 * i);
            assertThat(second.json().get("orderId"))
                    .as("twins under key %s", keys.get(i))
                    .isEqualTo(first.json().get("orderId"));
            assertThat(List.of(
                            String.valueOf(first.header("Idempotent-Replayed")),
                            String.valueOf(second.header("Idempotent-Replayed"))))
                    .as("exactly one twin is the replay")
                    .containsExactlyInAnyOrder("true", "null");
        }
        assertThat(count("SELECT count(*) FROM commands.orders WHERE customer_email LIKE '%-" + run + "-%'"))
                .isEqualTo(175);
        assertThat(count(
                        "SELECT count(*) FROM commands.events WHERE type = 'OrderPlaced' AND payload->>'customerEmail' LIKE '%-"
                                + run + "-%'"))
                .isEqualTo(175);
        assertThat(meters.get("shop.orders.batch.size").summary().max())
                .as("largest batch")
                .isGreaterThan(20);

        for (String key : keys) {
            var reused = http.postJson(
                    "/api/orders", Http.order("other-" + run + "@example.com", "STARTER", 1), "Idempotency-Key", key);
            assertThat(reused.status()).as(reused.body()).isEqualTo(422);
            assertThat(reused.contentType()).startsWith("application/problem+json");
        }
        assertThat(count("SELECT count(*) FROM commands.orders WHERE customer_email LIKE '%-" + run + "%'"))
                .isEqualTo(175);
    }

    @Test
    void differingTwinsInOneBatchGiveOneOrderAndOne422() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Callable<TestHttp.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "clash-" + run + "-" + i;
            requests.add(order("clash-" + run + "-" + i + "@example.com", "STARTER", 1, key));
            requests.add(order("clash-" + run + "-" + i + "@example.com", "STARTER", 5, key));
        }

        List<TestHttp.Response> responses = burst(requests);

        for (int i = 0; i < 20; i++) {
            List<Integer> statuses = List.of(
                    responses.get(2 * i).status(), responses.get(2 * i + 1).status());
            assertThat(statuses).as("key %d", i).containsExactlyInAnyOrder(202, 422);
        }
        assertThat(count("SELECT count(*) FROM commands.orders WHERE customer_email LIKE 'clash-" + run + "-%'"))
                .isEqualTo(20);
    }

    @Test
    void anOrderTheDatabaseRefusesFailsAloneWhileItsBatchCommits() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // a rule only the database knows: provokes a constraint violation in the middle of a batch
        execute("ALTER TABLE commands.orders ADD CONSTRAINT no_poison CHECK (customer_email NOT LIKE 'poison%')");
        try {
            List<Callable<TestHttp.Response>> requests = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                requests.add(order(
                        "good-" + run + "-" + i + "@example.com",
                        "ENTERPRISE",
                        1,
                        i % 2 == 0 ? null : "good-" + run + "-" + i));
                if (i == 15) {
                    requests.add(order("poison-" + run + "@example.com", "STARTER", 1, "poison-" + run));
                }
            }
            Map<String, Long> largestBefore = new HashMap<>();
            largestBefore.put(
                    "count", meters.get("shop.orders.batch.size").summary().count());

            List<TestHttp.Response> responses = burst(requests);

            TestHttp.Response poison = responses.get(16);
            assertThat(poison.status()).as(poison.body()).isEqualTo(500);
            assertThat(poison.contentType()).startsWith("application/problem+json");
            assertThat(poison.body()).doesNotContain("no_poison").doesNotContain("Exception");
            List<TestHttp.Response> good = new ArrayList<>(responses);
            good.remove(16);
            assertThat(good).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(202));
            assertThat(meters.get("shop.orders.batch.size").summary().count() - largestBefore.get("count"))
                    .as("batches for 31 commands")
                    .isLessThan(10);

            assertThat(count("SELECT count(*) FROM commands.events WHERE payload->>'customerEmail' LIKE '%-" + run
                            + "%'"))
                    .isEqualTo(30);
            assertThat(count("SELECT count(*) FROM commands.orders WHERE customer_email LIKE '%-" + run + "%'"))
                    .isEqualTo(30);
            assertThat(count("SELECT count(*) FROM commands.idempotency_keys WHERE key = 'poison-" + run + "'"))
                    .isZero();
            for (TestHttp.Response r : good) {
                assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '"
                                + r.json().get("orderId") + "'"))
                        .isEqualTo(1);
            }
        } finally {
            execute("ALTER TABLE commands.orders DROP CONSTRAINT no_poison");
        }
    }
}
