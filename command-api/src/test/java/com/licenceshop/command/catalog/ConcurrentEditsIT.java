package com.licenceshop.command.catalog;

import static com.licenceshop.command.support.CatalogClient.change;
import static com.licenceshop.command.support.CatalogClient.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CatalogClient;
import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ConcurrentEditsIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Test
    void twoConcurrentEditsOneWinsOneGets412NothingLost() throws Exception {
        var catalog = new CatalogClient(new Http(server.getURI()));
        ExecutorService editors = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String sku = "RACE_" + round;
                String etag = catalog.add(product(sku, "Race", 1_000)).header("ETag");
                CountDownLatch start = new CountDownLatch(1);
                var alice = editors.submit(() -> {
                    start.await();
                    return catalog.change(sku, etag, change("Alice's", 2_000));
                });
                var bob = editors.submit(() -> {
                    start.await();
                    return catalog.change(sku, etag, change("Bob's", 3_000));
                });
                start.countDown();
                List<TestHttp.Response> answers = List.of(alice.get(), bob.get());

                assertThat(answers).extracting(TestHttp.Response::status).containsExactlyInAnyOrder(200, 412);
                TestHttp.Response winner = answers.stream()
                        .filter(a -> a.status() == 200)
                        .findFirst()
                        .orElseThrow();
                TestHttp.Response loser = answers.stream()
                        .filter(a -> a.status() == 412)
                        .findFirst()
                        .orElseThrow();
                assertThat(loser.header("ETag")).isEqualTo("\"2\"");
                var current = catalog.get(sku);
                assertThat(current.json()).isEqualTo(winner.json()).containsEntry("version", 2);
                assertThat(count(
                                "SELECT count(*) FROM commands.events WHERE type = 'ProductChanged' AND aggregate_id = '"
                                        + sku + "'"))
                        .isEqualTo(1);
                assertThat(count(
                                "SELECT count(*) FROM commands.events WHERE type = 'ProductChanged' AND aggregate_id = '"
                                        + sku + "' AND payload->>'name' = '"
                                        + winner.json().get("name").toString().replace("'", "''") + "'"))
                        .isEqualTo(1);
            }
        } finally {
            editors.shutdownNow();
        }
    }
}
