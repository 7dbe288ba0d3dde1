package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.micronaut.rabbitmq.connect.DefaultChannelPool;
import io.micronaut.rabbitmq.connect.SingleRabbitConnectionFactoryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The confirmed publisher and the dead-letter queue against the real broker. */
class MessagingKitTest {

    private static final Topology TOPOLOGY = new Topology(TestServers.freshNamespace());
    private static final String WORK = TOPOLOGY.salesProjectorQueue();
    private static final String DEAD = TOPOLOGY.deadLetterQueue(WORK);

    private static Connection connection;
    private static DefaultChannelPool pool;
    private static ConfirmedPublisher publisher;
    private static DeadLetterQueue deadLetters;

    @BeforeAll
    static void broker() throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(TestServers.rabbit().uri());
        connection = factory.newConnection("service-defaults-test");
        pool = new DefaultChannelPool("test", connection, new SingleRabbitConnectionFactoryConfig());
        try (Channel channel = connection.createChannel()) {
            ConsumerQueues.declare(channel, TOPOLOGY, WORK, List.of("order.*"), 5);
        }
        publisher = new ConfirmedPublisher(pool);
        deadLetters = new DeadLetterQueue(publisher, TOPOLOGY, WORK);
    }

    @AfterAll
    static void close() throws IOException {
        pool.close();
        connection.close();
    }

    @BeforeEach
    void emptyQueues() throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.queuePurge(WORK);
            channel.queuePurge(DEAD);
        }
    }

    @Test
    void aConfirmedMessageIsInItsQueueWhenPublishReturns() throws Exception {
        publisher.publish("", WORK, message("m1", Map.of()), body("one"));

        assertThat(ready(WORK)).isEqualTo(1);
    }

    @Test
    void aMessageForNoQueueFailsThePublish() {
        assertThatThrownBy(() ->
                        publisher.publish("", TOPOLOGY.namespace() + ".nowhere", message("m1", Map.of()), body("x")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("reached no queue");
    }

    @Test
    void anExchangeWithoutQueuesTakesWhatMayBeDropped() throws Exception {
        try (var channel = publisher.open(Duration.ofSeconds(5), ConfirmedPublisher.Unroutable.IS_DROPPED)) {
            channel.publish(TOPOLOGY.eventsExchange(), "nobody.listens", message("m1", Map.of()), body("x"));
            channel.publish("", WORK, message("m2", Map.of()), body("y"));
            channel.awaitConfirms();
        }

        assertThat(ready(WORK)).isEqualTo(1);
    }

    @Test
    void aParkedMessageKeepsItsPropertiesAndCarriesATruncatedReason() throws IOException {
        String longReason = "x".repeat(DeadLetterQueue.MAX_REASON_LENGTH + 50);
        deadLetters.park(List.of(
                new DeadLetterQueue.Message(body("one"), message("m1", Map.of(AmqpHeaders.DELIVERY_COUNT, 3)), "bad"),
                new DeadLetterQueue.Message(body("two"), message("m2", Map.of()), longReason)));

        List<GetResponse> parked = drain(DEAD);
        assertThat(parked).extracting(m -> m.getProps().getMessageId()).containsExactly("m1", "m2");
        assertThat(AmqpHeaders.string(parked.get(0).getProps(), MessageHeaders.DEAD_LETTER_REASON))
                .isEqualTo("bad");
        // the broker counts the copy's deliveries from zero (a quorum queue sets the header itself)
        assertThat(AmqpHeaders.integer(parked.get(0).getProps(), AmqpHeaders.DELIVERY_COUNT))
                .isZero();
        assertThat(parked.get(0).getProps().getType()).isEqualTo("OrderPlaced");
        assertThat(parked.get(0).getProps().getDeliveryMode()).isEqualTo(2);
        assertThat(AmqpHeaders.string(parked.get(1).getProps(), MessageHeaders.DEAD_LETTER_REASON))
                .hasSize(DeadLetterQueue.MAX_REASON_LENGTH);
    }

    @Test
    void aMessagePutBackArrivesAsANewMessageWithoutReason() throws IOException {
        deadLetters.putBack(List.of(new DeadLetterQueue.Message(
                body("one"),
                message("m1", Map.of(MessageHeaders.DEAD_LETTER_REASON, "outage", AmqpHeaders.DELIVERY_COUNT, 2)),
                "the database is down")));

        GetResponse back = drain(WORK).get(0);
        assertThat(back.getProps().getHeaders())
                .doesNotContainKey(MessageHeaders.DEAD_LETTER_REASON)
                .containsEntry(MessageHeaders.SCHEMA_VERSION, 1);
        assertThat(AmqpHeaders.integer(back.getProps(), AmqpHeaders.DELIVERY_COUNT))
                .isZero();
    }

    @Test
    void aRedriveMovesWhatItAcceptsMarkedAndLeavesTheRestParked() throws Exception {
        deadLetters.park(List.of(
                new DeadLetterQueue.Message(body("one"), message("m1", Map.of("x-attempt", 4)), "failed"),
                new DeadLetterQueue.Message(body("two"), message("m2", Map.of()), "failed")));
        Map<String, Object> changes = new java.util.HashMap<>();
        changes.put("x-attempt", null);
        changes.put("x-redriven", true);

        int moved = deadLetters.redrive(m -> "m1".equals(m.getProps().getMessageId()), changes);

        assertThat(moved).isEqualTo(1);
        GetResponse redriven = drain(WORK).get(0);
        assertThat(redriven.getProps().getMessageId()).isEqualTo("m1");
        assertThat(redriven.getProps().getHeaders())
                .doesNotContainKeys("x-attempt", MessageHeaders.DEAD_LETTER_REASON)
                .containsEntry("x-redriven", true)
                .containsKey(DeadLetterQueue.REDRIVE_ID);
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(DEAD) == 1);
    }

    @Test
    void aMessageFailingAgainInARedriveWaitsForTheNextOne() throws Exception {
        deadLetters.park(List.of(
                new DeadLetterQueue.Message(body("one"), message("m1", Map.of()), "failed"),
                new DeadLetterQueue.Message(body("two"), message("m2", Map.of()), "failed")));

        int moved = deadLetters.redrive(
                m -> {
                    if ("m2".equals(m.getProps().getMessageId())) {
                        // meanwhile m1, just moved, fails again and its consumer parks it with the re-drive's headers
                        parkAgain(drain(WORK).get(0));
                    }
                    return true;
                },
                Map.of());

        assertThat(moved).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> ready(DEAD) == 1);
        assertThat(deadLetters.redrive(m -> true, Map.of())).isEqualTo(1);
    }

    private static void parkAgain(GetResponse message) {
        try {
            deadLetters.park(
                    List.of(new DeadLetterQueue.Message(message.getBody(), message.getProps(), "failed again")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AMQP.BasicProperties message(String id, Map<String, Object> headers) {
        Map<String, Object> all = new java.util.HashMap<>(headers);
        all.put(MessageHeaders.SCHEMA_VERSION, 1);
        return new AMQP.BasicProperties.Builder()
                .messageId(id)
                .type("OrderPlaced")
                .contentType("application/json")
                .headers(all)
                .build();
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long ready(String queue) throws Exception {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static List<GetResponse> drain(String queue) {
        List<GetResponse> messages = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse message;
            while ((message = channel.basicGet(queue, true)) != null) {
                messages.add(message);
            }
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }
}
