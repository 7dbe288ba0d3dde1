package com.licenceshop.command.support;

import static org.awaitility.Awaitility.await;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A queue of the test's own, bound to every routing key of the namespace's events exchange, that records
 * what arrives. Stands in for a consumer: it splits a message of several events (transport version 2) as the
 * consumers do, so {@link #deliveries()} holds one entry per event; {@link #messages()} counts the messages.
 */
public final class EventsQueue implements AutoCloseable {

    /** One message as it arrived. */
    public record Delivery(String routingKey, AMQP.BasicProperties properties, byte[] body) {
        public String messageId() {
            return properties.getMessageId();
        }

        public Object header(String name) {
            return properties.getHeaders() == null
                    ? null
                    : properties.getHeaders().get(name);
        }
    }

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Delivery> messages = new CopyOnWriteArrayList<>();

    private EventsQueue(Topology topology) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestServers.rabbit().uri());
        connection = factory.newConnection("command-api-test");
        channel = connection.createChannel();
        channel.exchangeDeclare(topology.eventsExchange(), BuiltinExchangeType.TOPIC, true);
        queue = topology.namespace() + ".test-" + UUID.randomUUID().toString().substring(0, 8);
        channel.queueDeclare(queue, false, true, true, null);
        channel.queueBind(queue, topology.eventsExchange(), "#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                messages.add(new Delivery(envelope.getRoutingKey(), properties, body));
                deliveries.addAll(EventBatches.unpack(properties, body).stream()
                        .map(event -> new Delivery(envelope.getRoutingKey(), event.properties(), event.body()))
                        .toList());
            }
        });
    }

    public static EventsQueue bindTo(Topology topology) {
        try {
            return new EventsQueue(topology);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind a test queue", e);
        }
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The messages as the broker delivered them, a batch as one. */
    public List<Delivery> messages() {
        return List.copyOf(messages);
    }

    public List<Delivery> awaitAtLeast(int count, Duration atMost) {
        await("at least " + count + " deliveries").atMost(atMost).until(() -> deliveries.size() >= count);
        return deliveries();
    }

    /** How often each message id arrived. */
    public Map<String, Long> countsByMessageId() {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::messageId, Collectors.counting()));
    }

    public <T> List<T> map(Function<Delivery, T> f) {
        return deliveries.stream().map(f).toList();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // the exclusive queue goes with the connection
        }
    }

    /** Removes the namespace's exchanges from the shared broker. */
    public static void deleteExchanges(Topology topology) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(TestServers.rabbit().uri());
            try (Connection connection = factory.newConnection("command-api-test-cleanup");
                    Channel channel = connection.createChannel()) {
                channel.exchangeDelete(topology.eventsExchange());
                channel.exchangeDelete(topology.deadLetterExchange());
            }
        } catch (Exception e) {
            // best effort
        }
    }
}
