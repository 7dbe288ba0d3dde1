package com.licenceshop.projector.inbound;

import static com.licenceshop.projector.support.EventFixtures.Licence.ENTERPRISE;
import static com.licenceshop.projector.support.EventFixtures.Licence.PROFESSIONAL;
import static com.licenceshop.projector.support.EventFixtures.Licence.STARTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.OpsHttp;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonMessagesIT {

    private final TestServers.Database database = TestServers.freshDatabase();
    private final Topology topology = new Topology(TestServers.freshNamespace());
    private final SalesViews views = new SalesViews(database);
    private final EventFixtures events = new EventFixtures();
    private final String opsPassword = UUID.randomUUID().toString();
    private TestBroker broker;
    private ProjectorInstance projector;

    @BeforeAll
    void start() {
        broker = ProjectorBroker.connect(topology);
        // a long linger: everything published below lands in one batch
        projector = ProjectorInstance.start(
                database,
                topology,
                Map.of("shop.projector.linger", "1s", "shop.ops.username", "ops", "shop.ops.password", opsPassword));
    }

    @AfterAll
    void stop() {
        projector.close();
        broker.close();
    }

    @BeforeEach
    void emptyTheDeadLetterQueue() {
        broker.drainDeadLetters();
    }

    @Test
    void poisonIsParkedWithItsReasonAndTheBatchsGoodMessagesApplied() {
        OrderPlaced good = events.anOrderOf(PROFESSIONAL, 1);
        OrderPlaced wrongTotal = withTotal(events.anOrderOf(STARTER, 1), 1);
        // parses and passes the checks, but PostgreSQL rejects the text: fails the batch, then alone
        OrderPlaced rejectedByTheDatabase =
                events.anOrderOf(List.of(new OrderLine("BAD\u0000SKU", "Bad", 1, 100, 100)));
        OrderPlaced alsoGood = events.anOrderOf(ENTERPRISE, 2);
        var before = views.summary();

        broker.publish(good);
        broker.publishRaw("order.placed", "{not json".getBytes(StandardCharsets.UTF_8));
        broker.publish(wrongTotal);
        broker.publish(rejectedByTheDatabase);
        broker.publish(alsoGood);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var summary = views.summary();
            assertThat(summary.orders()).isEqualTo(before.orders() + 2);
            assertThat(summary.revenueCents()).isEqualTo(before.revenueCents() + 150_000 + 1_000_000);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.readyInDeadLetterQueue() == 3);
        List<GetResponse> parked = broker.drainDeadLetters();
        assertThat(parked)
                .extracting(m -> String.valueOf(m.getProps().getHeaders().get(MessageHeaders.DEAD_LETTER_REASON)))
                .anyMatch(reason -> reason.contains("MalformedEventException"))
                .anyMatch(reason -> reason.contains("not the sum of the lines"))
                .anyMatch(reason -> reason.contains("PSQLException"));
        assertThat(views.statusOf(rejectedByTheDatabase.orderId())).isNull();
    }

    @Test
    void aPoisonEventInABatchIsParkedAloneItsNeighboursApplied() {
        OrderPlaced good = events.anOrderOf(PROFESSIONAL, 1);
        OrderPlaced wrongTotal = withTotal(events.anOrderOf(STARTER, 1), 1);
        OrderPlaced rejectedByTheDatabase =
                events.anOrderOf(List.of(new OrderLine("BAD\u0000SKU", "Bad", 1, 100, 100)));
        OrderPlaced alsoGood = events.anOrderOf(ENTERPRISE, 2);
        var before = views.summary();

        publishTogether(List.of(good, wrongTotal, rejectedByTheDatabase, alsoGood));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var summary = views.summary();
            assertThat(summary.orders()).isEqualTo(before.orders() + 2);
            assertThat(summary.revenueCents()).isEqualTo(before.revenueCents() + 150_000 + 1_000_000);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.readyInDeadLetterQueue() == 2);
        List<GetResponse> parked = broker.drainDeadLetters();
        // each poison event on its own, as the message it would have been alone: its id, type, headers and body
        assertThat(parked)
                .extracting(m -> m.getProps().getMessageId())
                .containsExactlyInAnyOrder(
                        wrongTotal.eventId().toString(),
                        rejectedByTheDatabase.eventId().toString());
        assertThat(parked).allSatisfy(m -> {
            assertThat(m.getProps().getHeaders())
                    .doesNotContainKey(EventBatches.HEADER)
                    .containsKey(MessageHeaders.SCHEMA_VERSION)
                    .containsKey(MessageHeaders.DEAD_LETTER_REASON);
            assertThat(m.getProps().getType()).isEqualTo("OrderPlaced");
            assertThat(new EventCodec().decode(m.getBody()).eventId().toString())
                    .isEqualTo(m.getProps().getMessageId());
        });
        assertThat(views.statusOf(good.orderId())).isEqualTo("PLACED");
        assertThat(views.statusOf(alsoGood.orderId())).isEqualTo("PLACED");
        assertThat(views.statusOf(wrongTotal.orderId())).isNull();
    }

    @Test
    void aMessageOfSeveralEventsDeliveredAgainIsAppliedOnce() {
        List<OrderPlaced> three = List.of(
                events.anOrderOf(STARTER, 1), events.anOrderOf(PROFESSIONAL, 1), events.anOrderOf(ENTERPRISE, 1));
        OrderPlaced marker = events.anOrderOf(STARTER, 2);
        var before = views.summary();

        publishTogether(three);
        publishTogether(three);
        // the same events again in another cut: one alone, then two with one new
        broker.publish(three.get(0));
        publishTogether(List.of(three.get(1), three.get(2), marker));

        await().atMost(Duration.ofSeconds(30)).until(() -> "PLACED".equals(views.statusOf(marker.orderId())));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var summary = views.summary();
            assertThat(summary.orders()).isEqualTo(before.orders() + 4);
            assertThat(summary.revenueCents()).isEqualTo(before.revenueCents() + 50_000 + 150_000 + 500_000 + 100_000);
        });
        assertThat(broker.readyInDeadLetterQueue()).isZero();
    }

    @Test
    void anUnsplittableBatchIsParkedWholeWithTheReason() {
        broker.publishRaw(
                "order.placed",
                "[{\"messageId\":\"x\"".getBytes(StandardCharsets.UTF_8),
                Map.of(EventBatches.HEADER, 2));

        await().atMost(Duration.ofSeconds(20)).until(() -> broker.readyInDeadLetterQueue() == 1);
        List<GetResponse> parked = broker.drainDeadLetters();
        assertThat(parked).hasSize(1);
        assertThat(String.valueOf(parked.get(0).getProps().getHeaders().get(MessageHeaders.DEAD_LETTER_REASON)))
                .contains("unreadable batch");
        assertThat(parked.get(0).getProps().getHeaders()).containsEntry(EventBatches.HEADER, 2);
    }

    @Test
    void anUnknownSchemaVersionIsParkedWithTheReasonNotApplied() {
        OrderPlaced nextVersion = events.anOrderOf(PROFESSIONAL, 1);
        OrderPlaced noVersion = events.anOrderOf(STARTER, 2);
        OrderPlaced firstVersion = events.anOrderOf(ENTERPRISE, 1);
        var before = views.summary();

        // one above what this build reads (OrderPlaced is at v3 since ADR 13)
        broker.publishWithHeaders(nextVersion, Map.of(MessageHeaders.SCHEMA_VERSION, 4));
        broker.publishWithHeaders(noVersion, Map.of(MessageHeaders.SEQUENCE, noVersion.sequence()));
        broker.publishWithHeaders(firstVersion, Map.of(MessageHeaders.SCHEMA_VERSION, 1));

        await().atMost(Duration.ofSeconds(20)).until(() -> "PLACED".equals(views.statusOf(firstVersion.orderId())));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.readyInDeadLetterQueue() == 2);
        List<GetResponse> parked = broker.drainDeadLetters();
        assertThat(parked)
                .extracting(m -> String.valueOf(m.getProps().getHeaders().get(MessageHeaders.DEAD_LETTER_REASON)))
                .containsExactlyInAnyOrder(
                        "UnsupportedSchemaVersionException: unsupported schema version 4 of OrderPlaced: this service reads versions 1 to 3",
                        "UnsupportedSchemaVersionException: no x-shop-schema-version header");
        assertThat(views.statusOf(nextVersion.orderId())).isNull();
        assertThat(views.statusOf(noVersion.orderId())).isNull();
        assertThat(views.summary().orders()).isEqualTo(before.orders() + 1);
    }

    @Test
    void redriveMovesDeadLettersBackToTheQueue() {
        OrderPlaced valid = events.anOrderOf(STARTER, 3);
        OrderPlaced poison = withTotal(events.anOrderOf(STARTER, 1), 7);
        broker.publish(poison);
        await().atMost(Duration.ofSeconds(20)).until(() -> broker.readyInDeadLetterQueue() == 1);
        // stands in for a message that failed for a reason that has since been fixed
        broker.drainDeadLetters();
        parkDirectly(valid);

        var response = OpsHttp.post(projector.url() + "ops/dead-letters/redrive", "ops", opsPassword);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"moved\":1");
        await().atMost(Duration.ofSeconds(20)).until(() -> "PLACED".equals(views.statusOf(valid.orderId())));
        assertThat(broker.readyInDeadLetterQueue()).isZero();
    }

    @Test
    void opsEndpointsRefuseRequestsWithoutTheOpsCredential() {
        var none = OpsHttp.post(projector.url() + "ops/dead-letters/redrive", null, null);
        var wrong = OpsHttp.get(projector.url() + "ops/rebuild", "ops", "wrong");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(wrong.status()).isEqualTo(401);
    }

    private void parkDirectly(OrderPlaced event) {
        broker.onChannel(channel -> {
            channel.confirmSelect();
            String deadLetters = topology.deadLetterQueue(topology.salesProjectorQueue());
            channel.basicPublish(
                    topology.deadLetterExchange(),
                    deadLetters,
                    new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                            .messageId(event.eventId().toString())
                            .type(event.eventType().typeName())
                            .headers(Map.of(
                                    MessageHeaders.DEAD_LETTER_REASON,
                                    "a bug since fixed",
                                    MessageHeaders.SCHEMA_VERSION,
                                    1))
                            .build(),
                    new EventCodec().encode(event));
            channel.waitForConfirmsOrDie(10_000);
        });
    }

    /** The events in one message, as the relay packs consecutive events of one routing key (transport v2). */
    private void publishTogether(List<? extends ShopEvent> events) {
        EventBatches.Event message = EventBatches.pack(TestBroker.messages(events, EventBatches.Event::new));
        broker.publish(events.get(0).eventType().routingKey(), message.properties(), message.body());
    }

    private static OrderPlaced withTotal(OrderPlaced order, long totalCents) {
        return new OrderPlaced(
                order.eventId(),
                order.sequence(),
                order.occurredAt(),
                order.orderId(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                totalCents);
    }
}
