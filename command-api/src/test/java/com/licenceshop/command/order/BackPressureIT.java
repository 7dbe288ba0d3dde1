package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.testsupport.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A tiny queue: a burst beyond it is refused at once with 503 and Retry-After, and whatever got a 202 is kept. */
@MicronautTest(transactional = false)
class BackPressureIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    MeterRegistry meters;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("shop.orders.queue-size", "3", "shop.orders.max-batch-size", "2", "shop.orders.writers", "1");
    }

    @Test
    void aBurstBeyondTheQueueGets503AndEvery202IsKept() throws Exception {
        Http http = new Http(server.getURI());
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Future<TestHttp.Response>> answers = new ArrayList<>();
        try {
            try (var gate = WriterGate.close(database)) {
                for (int i = 0; i < 40; i++) {
                    String email = "burst-" + run + "-" + i + "@example.com";
                    answers.add(pool.submit(() -> http.postJson("/api/orders", Http.order(email, "STARTER", 1))));
                }
                // the writer holds a batch of 2 and the queue is full: every other request was refused by now
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                meters.get("shop.orders.queue.full").counter().count() >= 40 - 2 - 3);
            }
            List<TestHttp.Response> responses = new ArrayList<>();
            for (Future<TestHttp.Response> answer : answers) {
                responses.add(answer.get());
            }

            List<TestHttp.Response> refused =
                    responses.stream().filter(r -> r.status() == 503).toList();
            List<TestHttp.Response> accepted =
                    responses.stream().filter(r -> r.status() == 202).toList();
            // the writer holds one or two (its batch), three wait in the queue: everything else is refused
            assertThat(accepted.size()).isBetween(4, 5);
            assertThat(refused).hasSize(40 - accepted.size()).allSatisfy(r -> {
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json()).containsEntry("status", 503);
            });
            assertThat(count("SELECT count(*) FROM commands.orders WHERE customer_email LIKE 'burst-" + run + "-%'"))
                    .isEqualTo(accepted.size());
            for (TestHttp.Response r : accepted) {
                assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '"
                                + r.json().get("orderId") + "'"))
                        .isEqualTo(1);
            }
            // and once the burst is over, orders are taken again
            assertThat(http.postJson("/api/orders", Http.order("after-" + run + "@example.com", "STARTER", 1))
                            .status())
                    .isEqualTo(202);
        } finally {
            pool.shutdownNow();
        }
    }
}
