package com.licenceshop.testsupport;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.awaitility.Awaitility;

/**
 * A test's own connection to the broker of {@link TestServers}, in one namespace: publishes events as the command
 * API's relay does (persistent, with confirms), publishes what a broken upstream would, and looks into queues. With
 * a consumer's queue it also reads that queue's dead letters.
 */
public final class TestBroker implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final Topology topology;
    private final String queue;
    private final Connection connection;

    /** For publishing and for looking at named queues. */
    public TestBroker(Topology topology) {
        this(topology, null);
    }

    /** Also for the dead letters of {@code queue}, the queue of the consumer under test. */
    public TestBroker(Topology topology, String queue) {
        this.topology = topology;
        this.queue = queue;
        this.connection = connect("test-broker");
    }

    /** One message as a queue of the test's own received it. */
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

    /** Work on a channel of the test's connection, e.g. a service's own queue declarations. */
    @FunctionalInterface
    public interface ChannelWork {
        void on(Channel channel) throws Exception;
    }

    /** The properties the relay gives an event that goes out on its own (transport version 1). */
    public static AMQP.BasicProperties properties(ShopEvent event) {
        return new AMQP.BasicProperties.Builder()
                .messageId(event.eventId().toString())
                .type(event.eventType().typeName())
                .contentType("application/json")
                .deliveryMode(2)
                .headers(Map.of(
                        MessageHeaders.SEQUENCE,
                        event.sequence(),
                        MessageHeaders.SCHEMA_VERSION,
                        event.eventType().schemaVersion(),
                        MessageHeaders.CORRELATION_ID,
                        UUID.randomUUID().toString()))
                .build();
    }

    /** The event's JSON, as the command API stores and publishes it. */
    public static byte[] body(ShopEvent event) {
        return CODEC.encode(event);
    }

    /**
     * Each event as the message of its own the relay would send, made by {@code message}: e.g. the services'
     * {@code EventBatches.Event::new}, to pack them into one (this module cannot see service-defaults).
     */
    public static <M> List<M> messages(
            List<? extends ShopEvent> events, BiFunction<AMQP.BasicProperties, byte[], M> message) {
        return events.stream()
                .map(event -> message.apply(properties(event), body(event)))
                .toList();
    }

    /** Publishes the event to the events exchange, with the properties the relay sets. */
    public void publish(ShopEvent event) {
        publishAll(List.of(event));
    }

    /** Publishes the events in their order, then waits once for the broker's confirms. */
    public void publishAll(Collection<? extends ShopEvent> events) {
        onChannel(channel -> {
            channel.confirmSelect();
            for (ShopEvent event : events) {
                channel.basicPublish(
                        topology.eventsExchange(),
                        event.eventType().routingKey(),
                        true,
                        properties(event),
                        body(event));
            }
            channel.waitForConfirmsOrDie(30_000);
        });
    }

    /** Publishes a message as it is, with confirms: a redelivery, a batch, or what a broken upstream sends. */
    public void publish(String routingKey, AMQP.BasicProperties properties, byte[] body) {
        onChannel(channel -> {
            channel.confirmSelect();
            channel.basicPublish(topology.eventsExchange(), routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
        });
    }

    /** Publishes a body as it is, announced as schema version 1 of no particular type. */
    public void publishRaw(String routingKey, byte[] body) {
        publishRaw(routingKey, body, Map.of(MessageHeaders.SCHEMA_VERSION, 1));
    }

    public void publishRaw(String routingKey, byte[] body, Map<String, Object> headers) {
        publish(routingKey, rawProperties(headers, null), body);
    }

    /** Publishes the event's body as the command API would, but with these headers only. */
    public void publishWithHeaders(ShopEvent event, Map<String, Object> headers) {
        publish(
                event.eventType().routingKey(),
                rawProperties(headers, event.eventType().typeName()),
                body(event));
    }

    private static AMQP.BasicProperties rawProperties(Map<String, Object> headers, String type) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(UUID.randomUUID().toString())
                .type(type)
                .headers(headers)
                .build();
    }

    /** Ready messages in a queue (not those a consumer holds unacknowledged). */
    public long ready(String queue) {
        return query(channel -> (long) channel.queueDeclarePassive(queue).getMessageCount());
    }

    /** Consumers a queue has now, every instance's channels together. */
    public long consumers(String queue) {
        return query(channel -> (long) channel.queueDeclarePassive(queue).getConsumerCount());
    }

    /** Ready messages in the dead-letter queue of the consumer's queue. */
    public long readyInDeadLetterQueue() {
        return ready(deadLetterQueue());
    }

    /** Takes every message out of the consumer's dead-letter queue (acknowledged). */
    public List<GetResponse> drainDeadLetters() {
        List<GetResponse> messages = new ArrayList<>();
        onChannel(channel -> {
            GetResponse message;
            while ((message = channel.basicGet(deadLetterQueue(), true)) != null) {
                messages.add(message);
            }
        });
        return messages;
    }

    /** The messages of the consumer's dead-letter queue, looked at and put back. */
    public List<GetResponse> peekDeadLetters() {
        String deadLetters = deadLetterQueue();
        List<GetResponse> messages = new ArrayList<>();
        onChannel(channel -> {
            GetResponse message;
            while ((message = channel.basicGet(deadLetters, false)) != null) {
                messages.add(message);
            }
            if (!messages.isEmpty()) {
                channel.basicNack(
                        messages.get(messages.size() - 1).getEnvelope().getDeliveryTag(), true, true);
            }
        });
        // putting them back is asynchronous: wait until the queue offers them again, so the next reader sees them
        Awaitility.await("dead letters back in " + deadLetters)
                .atMost(Duration.ofSeconds(10))
                .until(() -> ready(deadLetters) >= messages.size());
        return messages;
    }

    /**
     * Binds a queue of the test's own (gone with this connection) to every routing key of the events exchange, which
     * it declares if need be, and hands it each message as it arrives.
     */
    public void listen(Consumer<Delivery> receiver) {
        try {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(topology.eventsExchange(), BuiltinExchangeType.TOPIC, true);
            String own = topology.namespace() + ".test-"
                    + UUID.randomUUID().toString().substring(0, 8);
            channel.queueDeclare(own, false, true, true, null);
            channel.queueBind(own, topology.eventsExchange(), "#");
            channel.basicConsume(own, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                        String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    receiver.accept(new Delivery(envelope.getRoutingKey(), properties, body));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind a test queue", e);
        }
    }

    /** Runs {@code work} on a channel of its own, closed after it. */
    public void onChannel(ChannelWork work) {
        query(channel -> {
            work.on(channel);
            return null;
        });
    }

    private <T> T query(ChannelQuery<T> query) {
        try (Channel channel = connection.createChannel()) {
            return query.on(channel);
        } catch (Exception e) {
            throw new IllegalStateException("broker call failed in namespace " + topology.namespace(), e);
        }
    }

    @FunctionalInterface
    private interface ChannelQuery<T> {
        T on(Channel channel) throws Exception;
    }

    private String deadLetterQueue() {
        if (queue == null) {
            throw new IllegalStateException("this TestBroker was made without a consumer's queue");
        }
        return topology.deadLetterQueue(queue);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // the test is over either way; the test's own queues go with the connection
        }
    }

    /**
     * Messages in a queue, ready plus unacknowledged, from the management API (AMQP only counts ready ones). The
     * management plugin is enabled by .ci/run and ./shop up.
     */
    public static long messagesIn(String queue) {
        var broker = TestServers.rabbit();
        String url = broker.managementUrl() + "/api/queues/"
                + URLEncoder.encode(broker.virtualHost(), StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(queue, StandardCharsets.UTF_8);
        var response = TestHttp.getAs(url, broker.username(), broker.password());
        if (response.status() != 200) {
            throw new IllegalStateException("management API answered " + response.status() + " for " + url
                    + ": enable it with 'rabbitmq-plugins enable rabbitmq_management'");
        }
        Map<String, Object> queueInfo = response.json();
        Object ready = queueInfo.getOrDefault("messages_ready", 0);
        Object unacked = queueInfo.getOrDefault("messages_unacknowledged", 0);
        return ((Number) ready).longValue() + ((Number) unacked).longValue();
    }

    /** Deletes the namespace's exchanges now (the queues of a service are its own business). Best effort. */
    public static void deleteExchanges(Topology topology) {
        delete(topology, List.of());
    }

    /**
     * When the test JVM exits (after every application context closed its consumers), deletes these queues and the
     * namespace's exchanges, so test runs leave no queues behind on a shared broker. Best effort.
     */
    public static void deleteAtExit(Topology topology, List<String> queues) {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> delete(topology, queues), "delete-test-namespace-" + topology.namespace()));
    }

    private static void delete(Topology topology, List<String> queues) {
        try (Connection connection = connect("test-broker-cleanup");
                Channel channel = connection.createChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            channel.exchangeDelete(topology.eventsExchange());
            channel.exchangeDelete(topology.deadLetterExchange());
        } catch (Exception e) {
            // best effort: what is left has a namespace no other run uses
        }
    }

    private static Connection connect(String name) {
        try {
            var factory = new ConnectionFactory();
            factory.setUri(TestServers.rabbit().uri());
            return factory.newConnection(name);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot connect to RabbitMQ at " + TestServers.rabbit().host(), e);
        }
    }
}
