package com.licenceshop.notification;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** The test's own connection to the broker: publishes as the command API's relay does, and looks into queues. */
public final class TestBroker implements AutoCloseable {

    private final Topology topology;
    private final EventCodec codec = new EventCodec();
    private final Connection connection;

    public TestBroker(Topology topology) {
        this.topology = topology;
        try {
            var factory = new ConnectionFactory();
            factory.setUri(TestServers.rabbit().uri());
            connection = factory.newConnection("notification-service-test");
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to RabbitMQ", e);
        }
    }

    /** Publishes the event to the events exchange with confirms, with the properties the relay sets. */
    public void publish(ShopEvent event) {
        publish(event.eventType().routingKey(), properties(event), codec.encode(event));
    }

    public void publish(String routingKey, AMQP.BasicProperties properties, byte[] body) {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(topology.eventsExchange(), routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topology.eventsExchange(), e);
        }
    }

    /** Publishes the events in one message, as the relay packs consecutive events of one routing key (transport v2). */
    public void publishTogether(List<? extends ShopEvent> events) {
        EventBatches.Event message = EventBatches.pack(events.stream()
                .map(event -> new EventBatches.Event(properties(event), codec.encode(event)))
                .toList());
        publish(events.get(0).eventType().routingKey(), message.properties(), message.body());
    }

    public static AMQP.BasicProperties properties(ShopEvent event) {
        return new AMQP.BasicProperties.Builder()
                .messageId(event.eventId().toString())
                .type(event.eventType().typeName())
                .contentType("application/json")
                .deliveryMode(2)
                .headers(Map.of(
                        MessageHeaders.SEQUENCE, event.sequence(),
                        MessageHeaders.SCHEMA_VERSION, event.eventType().schemaVersion(),
                        MessageHeaders.CORRELATION_ID, UUID.randomUUID().toString()))
                .build();
    }

    /** Ready messages in a queue (not those a consumer holds unacknowledged). */
    public long ready(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException("no queue " + queue, e);
        }
    }

    /** Consumers a queue has now, every instance's channels together. */
    public long consumers(String queue) {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getConsumerCount();
        } catch (Exception e) {
            throw new IllegalStateException("no queue " + queue, e);
        }
    }

    /** The dead-lettered messages of the notification queue, looked at and put back. */
    public List<GetResponse> peekDeadLetters() {
        String queue = topology.deadLetterQueue(topology.notificationQueue());
        List<GetResponse> messages = new ArrayList<>();
        try (Channel channel = connection.createChannel()) {
            GetResponse message;
            while ((message = channel.basicGet(queue, false)) != null) {
                messages.add(message);
            }
            if (!messages.isEmpty()) {
                channel.basicNack(
                        messages.get(messages.size() - 1).getEnvelope().getDeliveryTag(), true, true);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + queue, e);
        }
        // returning them is asynchronous: wait until the queue offers them again, so the next reader sees them
        Awaitility.await("dead letters back in " + queue)
                .atMost(Duration.ofSeconds(10))
                .until(() -> ready(queue) >= messages.size());
        return messages;
    }

    /**
     * When the test JVM exits (after every application context closed its consumers), deletes the namespace's
     * queues and exchanges, so test runs leave no queues behind on a shared broker.
     */
    public static void deleteAtExit(Topology topology, List<Duration> retryDelays) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            var factory = new ConnectionFactory();
                            try {
                                factory.setUri(TestServers.rabbit().uri());
                                try (Connection connection =
                                                factory.newConnection("notification-service-test-cleanup");
                                        Channel channel = connection.createChannel()) {
                                    List<String> queues = new ArrayList<>(List.of(
                                            topology.notificationQueue(),
                                            topology.deadLetterQueue(topology.notificationQueue())));
                                    retryDelays.forEach(delay -> queues.add(topology.notificationRetryQueue(delay)));
                                    for (String queue : queues) {
                                        channel.queueDelete(queue);
                                    }
                                    channel.exchangeDelete(topology.eventsExchange());
                                    channel.exchangeDelete(topology.deadLetterExchange());
                                }
                            } catch (Exception e) {
                                // best effort: the JVM is exiting
                            }
                        },
                        "delete-test-namespace-" + topology.namespace()));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // the test is over either way
        }
    }
}
