package com.licenceshop.command.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.EventsQueue;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestBroker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Events that wait in the outbox together go out together: consecutive events of one routing key share a message
 * (transport version 2, at most {@link EventBatches#MAX_EVENTS}), and each event inside keeps what its own message
 * carried: id, type, schema version, sequence, correlation id and its publish span's trace context.
 */
@MicronautTest(transactional = false)
class EventsSentTogetherIT extends CommandApiIT {

    private static final int ORDERS = EventBatches.MAX_EVENTS + 5;

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    @Inject
    OutboxRelay relay;

    @Override
    protected Map<String, String> moreProperties() {
        // the relay starts when the test says so, with every event already waiting
        return Map.of("shop.relay.enabled", "false");
    }

    @AfterAll
    void cleanUp() {
        relay.stop();
        TestBroker.deleteExchanges(topology);
    }

    record Stored(
            long sequence, String eventId, String type, int schemaVersion, String correlationId, String traceparent) {}

    List<Stored> stored() throws Exception {
        List<Stored> stored = new ArrayList<>();
        try (Connection connection = database.connect();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT sequence, event_id::text, type, schema_version, correlation_id, traceparent FROM commands.events ORDER BY sequence")) {
            while (rows.next()) {
                stored.add(new Stored(
                        rows.getLong(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getInt(4),
                        rows.getString(5),
                        rows.getString(6)));
            }
        }
        return stored;
    }

    @Test
    void waitingEventsShareMessagesEachKeepingItsIdTypeVersionAndTrace() throws Exception {
        Http http = new Http(server.getURI());
        try (EventsQueue consumer = EventsQueue.bindTo(topology)) {
            for (int i = 0; i < ORDERS; i++) {
                var response =
                        http.postJson("/api/orders", Http.order("together-" + i + "@example.com", "ENTERPRISE", 1));
                assertThat(response.status()).as(response.body()).isEqualTo(202);
            }
            List<Stored> stored = stored();
            assertThat(stored).hasSizeGreaterThanOrEqualTo(ORDERS);

            relay.start();

            var events = consumer.awaitAtLeast(stored.size(), Duration.ofSeconds(15));
            var messages = consumer.messages();
            assertThat(events)
                    .extracting(TestBroker.Delivery::messageId)
                    .containsExactlyElementsOf(
                            stored.stream().map(Stored::eventId).toList());
            // one routing key per message, none larger than the maximum, and no two neighbours that could have been one
            assertThat(messages)
                    .allSatisfy(m -> assertThat(EventBatches.unpack(m.properties(), m.body())
                                    .size())
                            .isBetween(1, EventBatches.MAX_EVENTS));
            assertThat(messages.size())
                    .isEqualTo(EventBatches.runs(events, TestBroker.Delivery::routingKey, EventBatches.MAX_EVENTS)
                            .size());
            assertThat(messages.size()).isLessThan(events.size());
            assertThat(messages.get(0).header(EventBatches.HEADER)).isEqualTo(EventBatches.MAX_EVENTS);
            for (int i = 0; i < stored.size(); i++) {
                Stored row = stored.get(i);
                TestBroker.Delivery event = events.get(i);
                assertThat(event.properties().getType()).isEqualTo(row.type());
                assertThat(event.properties().getCorrelationId()).isEqualTo(row.correlationId());
                assertThat(event.header(MessageHeaders.SCHEMA_VERSION)).isEqualTo(row.schemaVersion());
                assertThat(event.header(MessageHeaders.SEQUENCE)).isEqualTo(row.sequence());
                assertThat(event.header(EventBatches.HEADER)).isNull();
                // the relay's publish span of this event: in the trace of the request that stored it
                String traceparent = String.valueOf(event.header(MessageHeaders.TRACEPARENT));
                assertThat(traceparent.split("-")[1])
                        .isEqualTo(row.traceparent().split("-")[1]);
                assertThat(new String(event.body())).contains(row.eventId());
            }
        }
    }
}
