package com.licenceshop.command.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.EventCodec;
import com.licenceshop.events.SalesPeriodClosed;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class EventFeedIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    EventCodec codec;

    Http http;

    @BeforeAll
    void placeOrdersCancelsAndACloseOfPeriod() {
        http = new Http(server.getURI());
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            var response = http.postJson("/api/orders", Http.order("feed" + i + "@example.com", "STARTER", 1 + i % 5));
            assertThat(response.status()).isEqualTo(202);
            orderIds.add((String) response.json().get("orderId"));
        }
        http.postJson("/api/orders/" + orderIds.get(3) + "/cancel", Map.of());
        http.postJson("/api/orders/" + orderIds.get(7) + "/cancel", Map.of());
        http.send(http.request("/api/sales-periods/close")
                .header("Authorization", TestHttp.basic(OPS_USERNAME, OPS_PASSWORD))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    List<ShopEvent> page(long after, int limit) {
        var response = http.getAsOps("/api/events?after=" + after + "&limit=" + limit);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        return response.body()
                .lines()
                .map(line -> codec.decode(line.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    List<Long> storedSequences() throws Exception {
        try (Connection connection = database.connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("SELECT sequence FROM commands.events ORDER BY sequence")) {
            List<Long> sequences = new ArrayList<>();
            while (rows.next()) {
                sequences.add(rows.getLong(1));
            }
            return sequences;
        }
    }

    @Test
    void theFeedReturnsEveryEventOnceInOrderAcrossPages() throws Exception {
        List<ShopEvent> all = new ArrayList<>();
        long after = 0;
        int pages = 0;
        while (true) {
            List<ShopEvent> page = page(after, 7);
            pages++;
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).hasSizeLessThanOrEqualTo(7);
            all.addAll(page);
            after = page.get(page.size() - 1).sequence();
        }

        assertThat(pages).as("pages needed").isGreaterThanOrEqualTo(5);
        assertThat(all)
                .extracting(ShopEvent::sequence)
                .isSorted()
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(storedSequences());
        assertThat(all).extracting(ShopEvent::eventId).doesNotHaveDuplicates();
        // the orders wait for their payment (ADR 13): no keys yet, so a cancel revokes none
        assertThat(all)
                .extracting(e -> e.eventType().typeName())
                .containsOnly("OrderPlaced", "OrderCancelled", "SalesPeriodClosed")
                .filteredOn("OrderCancelled"::equals)
                .hasSize(2);
    }

    @Test
    void aPageStartsAfterTheGivenSequenceAndStopsAtTheLimit() throws Exception {
        List<Long> stored = storedSequences();

        List<ShopEvent> page = page(stored.get(9), 5);

        assertThat(page).extracting(ShopEvent::sequence).containsExactlyElementsOf(stored.subList(10, 15));
    }

    @Test
    void eachLineIsTheStoredJsonOfTheEvent() throws Exception {
        var response = http.getAsOps("/api/events?after=0&limit=1");
        String line = response.body().strip();
        try (Connection connection = database.connect();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("SELECT payload::text FROM commands.events ORDER BY sequence LIMIT 1")) {
            row.next();
            assertThat(line).isEqualTo(row.getString(1));
        }
        assertThat(response.body()).endsWith("\n");
    }

    @Test
    void theHorizonHeaderNamesTheNewestEvent() throws Exception {
        List<Long> stored = storedSequences();

        var response = http.getAsOps("/api/events?after=" + stored.get(stored.size() - 1));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Shop-Feed-Horizon")).isEqualTo(Long.toString(stored.get(stored.size() - 1)));
        assertThat(response.header("Cache-Control"))
                .as("the feed shows e-mails and keys")
                .isEqualTo("no-store");
    }

    @Test
    void aPageNeverSkipsALaterCommitWithASmallerSequence() throws Exception {
        try (Connection slowWriter = database.connect()) {
            slowWriter.setAutoCommit(false);
            // a writer that allocated a sequence but has not committed yet, exactly as EventStore does it
            slowWriter
                    .createStatement()
                    .execute("SELECT pg_advisory_xact_lock_shared(" + EventStore.HORIZON_LOCK + ")");
            ResultSet next = slowWriter.createStatement().executeQuery("SELECT nextval('commands.event_sequence')");
            next.next();
            long slowSequence = next.getLong(1);
            var late = new SalesPeriodClosed(UUID.randomUUID(), slowSequence, Instant.now(), "slow-writer");
            try (PreparedStatement insert = slowWriter.prepareStatement("""
                    INSERT INTO commands.events (sequence, event_id, type, schema_version, aggregate_id, occurred_at, payload)
                    VALUES (?, ?, 'SalesPeriodClosed', 1, 'sales-period', now(), CAST(? AS jsonb))""")) {
                insert.setLong(1, slowSequence);
                insert.setObject(2, late.eventId());
                insert.setString(3, codec.encodeToString(late));
                insert.executeUpdate();
            }
            // a faster writer commits a larger sequence meanwhile
            var faster = http.postJson("/api/orders", Http.order("faster@example.com", "STARTER", 1));
            assertThat(faster.status()).isEqualTo(202);

            var feed = CompletableFuture.supplyAsync(() -> page(slowSequence - 1, 1000));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !feed.isDone());
            slowWriter.commit();

            List<ShopEvent> page = feed.get();
            assertThat(page.get(0).eventId()).isEqualTo(late.eventId());
            assertThat(page).extracting(ShopEvent::sequence).isSorted();
            assertThat(page).anySatisfy(e -> assertThat(e.toString()).contains("faster@example.com"));
        }
    }

    @Test
    void theFeedNeedsTheOpsCredential() {
        var anonymous = http.get("/api/events?after=0&limit=10");
        var wrong = http.send(http.request("/api/events")
                .header("Authorization", TestHttp.basic(OPS_USERNAME, "nope"))
                .GET());

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("OrderPlaced");
    }

    @Test
    void aBadQueryIsABadRequestNamingTheParameter() {
        for (String query : List.of("?limit=0", "?limit=abc", "?after=-1", "?limit=100000001")) {
            var response = http.getAsOps("/api/events" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.errors()).extracting(e -> e.get("rule")).containsOnly("range");
            assertThat(response.errors()).extracting(e -> e.get("field")).containsAnyOf("limit", "after");
        }
    }
}
