package com.licenceshop.command.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestHttp;
import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays go to one consumer's queue only. The two consumer queues are declared here without bindings, so the
 * relay's live publishing never reaches them and everything on them came from a replay.
 */
@MicronautTest(transactional = false)
class ReplayIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    Http http;
    Connection broker;
    Channel channel;

    @BeforeAll
    void setUp() throws Exception {
        http = new Http(server.getURI());
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestServers.rabbit().uri());
        broker = factory.newConnection("command-api-replay-test");
        channel = broker.createChannel();
        channel.queueDeclare(topology.salesProjectorQueue(), true, false, false, null);
        channel.queueDeclare(topology.notificationQueue(), true, false, false, null);
        for (int i = 0; i < 5; i++) {
            assertThat(http.postJson("/api/orders", Http.order("replay" + i + "@example.com", "STARTER", 1))
                            .status())
                    .isEqualTo(202);
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        channel.queueDelete(topology.salesProjectorQueue());
        channel.queueDelete(topology.notificationQueue());
        broker.close();
        TestBroker.deleteExchanges(topology);
    }

    TestHttp.Response replay(Map<String, Object> body) {
        return http.postJson("/api/ops/replay", body, "Authorization", TestHttp.basic(OPS_USERNAME, OPS_PASSWORD));
    }

    record Stored(long sequence, String eventId, String traceparent) {}

    List<Stored> storedEvents() throws Exception {
        List<Stored> stored = new ArrayList<>();
        try (var connection = database.connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT sequence, event_id::text, traceparent FROM commands.events ORDER BY sequence")) {
            while (rows.next()) {
                stored.add(new Stored(rows.getLong(1), rows.getString(2), rows.getString(3)));
            }
        }
        return stored;
    }

    /** The events on the queue, each as its own message would carry it (a replay packs them as the relay does). */
    List<EventBatches.Event> drain(String queue) throws Exception {
        List<EventBatches.Event> events = new ArrayList<>();
        for (GetResponse message = channel.basicGet(queue, true);
                message != null;
                message = channel.basicGet(queue, true)) {
            events.addAll(EventBatches.unpack(message.getProps(), message.getBody()));
        }
        return events;
    }

    @Test
    void aRangeReplayedToOneConsumerLandsExactlyOnItsQueueAlone() throws Exception {
        List<Stored> stored = storedEvents();
        assertThat(stored).hasSize(5);
        long after = stored.get(0).sequence();
        long upTo = stored.get(3).sequence();

        var response = replay(Map.of("consumer", "sales-projector", "after", after, "upTo", upTo));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json())
                .containsEntry("consumer", "sales-projector")
                .containsEntry("queue", topology.salesProjectorQueue())
                .containsEntry("replayed", 3);
        // a 200 comes after the broker's confirms: the messages are on the queue now
        List<EventBatches.Event> messages = drain(topology.salesProjectorQueue());
        assertThat(messages)
                .extracting(m -> m.properties().getMessageId())
                .containsExactly(
                        stored.get(1).eventId(),
                        stored.get(2).eventId(),
                        stored.get(3).eventId());
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.properties().getHeaders()).containsEntry(MessageHeaders.REPLAY, true);
            assertThat(m.properties().getType()).isEqualTo("OrderPlaced");
            assertThat(m.properties().getDeliveryMode()).isEqualTo(2);
            assertThat(m.properties().getContentType()).isEqualTo("application/json");
        });
        assertThat(messages)
                .extracting(m -> m.properties().getHeaders().get(MessageHeaders.SEQUENCE))
                .containsExactly(
                        stored.get(1).sequence(),
                        stored.get(2).sequence(),
                        stored.get(3).sequence());
        assertThat(channel.queueDeclarePassive(topology.notificationQueue()).getMessageCount())
                .isZero();
    }

    @Test
    void aReplayedEventContinuesTheTraceOfTheRequestThatStoredIt() throws Exception {
        List<Stored> stored = storedEvents();
        Stored original = stored.get(2);

        var response = replay(
                Map.of("consumer", "sales-projector", "after", original.sequence() - 1, "upTo", original.sequence()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<EventBatches.Event> messages = drain(topology.salesProjectorQueue());
        assertThat(messages).hasSize(1);
        String traceparent = messages.get(0)
                .properties()
                .getHeaders()
                .get(MessageHeaders.TRACEPARENT)
                .toString();
        String originalTrace = original.traceparent().split("-")[1];
        // same trace as the stored request, a new (replay publish) span in it
        assertThat(traceparent.split("-")[1]).isEqualTo(originalTrace);
        assertThat(traceparent).isNotEqualTo(original.traceparent());
    }

    @Test
    void replayingWithoutUpToReplaysUpToTheNewestEvent() throws Exception {
        List<Stored> stored = storedEvents();

        var response = replay(Map.of(
                "consumer", "notification-service", "after", stored.get(2).sequence()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(((Number) response.json().get("upTo")).longValue())
                .isEqualTo(stored.get(4).sequence());
        assertThat(drain(topology.notificationQueue()))
                .extracting(m -> m.properties().getMessageId())
                .containsExactly(stored.get(3).eventId(), stored.get(4).eventId());
        assertThat(channel.queueDeclarePassive(topology.salesProjectorQueue()).getMessageCount())
                .isZero();
    }

    @Test
    void anUnknownConsumerIsRejectedNamingTheFieldAndTheAllowedValues() {
        var response = replay(Map.of("consumer", "web-ui", "after", 0));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errors()).singleElement().satisfies(error -> {
            assertThat(error).containsEntry("field", "consumer");
            assertThat((String) error.get("message")).contains("sales-projector", "notification-service");
        });
    }

    @Test
    void aRangeThatIsEmptyBackwardsOrTooLargeIsRejected() {
        assertThat(replay(Map.of("consumer", "sales-projector", "after", 5, "upTo", 5))
                        .errors())
                .extracting(e -> e.get("field"))
                .containsExactly("upTo");
        assertThat(replay(Map.of("consumer", "sales-projector", "after", -1, "upTo", 5))
                        .errors())
                .extracting(e -> e.get("field"))
                .containsExactly("after");
        var tooLarge = replay(Map.of("consumer", "sales-projector", "after", 0, "upTo", 100_001));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.errors()).extracting(e -> e.get("rule")).containsExactly("max-range");
    }

    @Test
    void replayingToAMissingQueueIsAConflictNotASilentLoss() throws Exception {
        channel.queueDelete(topology.notificationQueue());
        try {
            var response = replay(Map.of("consumer", "notification-service", "after", 0));

            assertThat(response.status()).as(response.body()).isEqualTo(409);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat((String) response.json().get("detail")).contains(topology.notificationQueue());
        } finally {
            channel.queueDeclare(topology.notificationQueue(), true, false, false, null);
        }
    }

    @Test
    void replayingNeedsTheOpsCredential() throws Exception {
        OpsEndpointsIT.assertUnauthorized(
                http.postJson("/api/ops/replay", Map.of("consumer", "sales-projector", "after", 0)));
        OpsEndpointsIT.assertUnauthorized(http.postJson(
                "/api/ops/replay",
                Map.of("consumer", "sales-projector", "after", 0),
                "Authorization",
                TestHttp.basic(OPS_USERNAME, "wrong")));
        assertThat(channel.queueDeclarePassive(topology.salesProjectorQueue()).getMessageCount())
                .isZero();
    }
}
