package com.licenceshop.projector.support;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.broker.ProjectorQueues;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes events the way the command API's relay does (persistent, message id, type, sequence header,
 * confirmed), with the plain amqp-client, to a test's namespace. Also publishes raw bytes, as a broken
 * upstream would.
 */
public final class BrokerPublisher implements AutoCloseable {

    private final Topology topology;
    private final EventCodec codec = new EventCodec();
    private final Connection connection;
    private final Channel channel;

    public BrokerPublisher(Topology topology) {
        this(topology, 10);
    }

    /** {@code deliveryLimit}: as the projector under test declares its queue (the arguments must be equal). */
    public BrokerPublisher(Topology topology, int deliveryLimit) {
        this.topology = topology;
        try {
            var factory = new ConnectionFactory();
            factory.setUri(TestServers.rabbit().uri());
            connection = factory.newConnection("sales-projector-test");
            channel = connection.createChannel();
            channel.confirmSelect();
            // the projector declares the same; declaring here too lets a test publish before any projector runs
            ProjectorQueues.declare(channel, topology, deliveryLimit);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to RabbitMQ", e);
        }
    }

    public void publish(ShopEvent event) {
        publishAll(List.of(event));
    }

    public void publishAll(Collection<? extends ShopEvent> events) {
        try {
            for (ShopEvent event : events) {
                channel.basicPublish(
                        topology.eventsExchange(),
                        event.eventType().routingKey(),
                        true,
                        properties(event),
                        codec.encode(event));
            }
            channel.waitForConfirmsOrDie(30_000);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    /** Publishes the events in one message, as the relay packs consecutive events of one routing key (transport v2). */
    public void publishTogether(List<? extends ShopEvent> events) {
        EventBatches.Event message = EventBatches.pack(events.stream()
                .map(event -> new EventBatches.Event(properties(event), codec.encode(event)))
                .toList());
        try {
            channel.basicPublish(
                    topology.eventsExchange(),
                    events.get(0).eventType().routingKey(),
                    true,
                    message.properties(),
                    message.body());
            channel.waitForConfirmsOrDie(30_000);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    /** Publishes a body as it is, announced as schema version 1 of no particular type. */
    public void publishRaw(String routingKey, byte[] body) {
        publishRaw(routingKey, body, Map.of(MessageHeaders.SCHEMA_VERSION, 1));
    }

    /** Publishes the event's body as the command API would, but with these headers only. */
    public void publishWithHeaders(ShopEvent event, Map<String, Object> headers) {
        publishRaw(
                event.eventType().routingKey(),
                codec.encode(event),
                headers,
                event.eventType().typeName());
    }

    public void publishRaw(String routingKey, byte[] body, Map<String, Object> headers) {
        publishRaw(routingKey, body, headers, null);
    }

    private void publishRaw(String routingKey, byte[] body, Map<String, Object> headers, String type) {
        try {
            var properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(UUID.randomUUID().toString())
                    .type(type)
                    .headers(headers)
                    .build();
            channel.basicPublish(topology.eventsExchange(), routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    /** Takes every message out of the projector's dead-letter queue (acknowledged). */
    public List<GetResponse> drainDeadLetters() {
        List<GetResponse> messages = new ArrayList<>();
        try {
            GetResponse message;
            while ((message = channel.basicGet(topology.deadLetterQueue(topology.salesProjectorQueue()), true))
                    != null) {
                messages.add(message);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dead-letter queue", e);
        }
        return messages;
    }

    public long readyInDeadLetterQueue() {
        try {
            return channel.queueDeclarePassive(topology.deadLetterQueue(topology.salesProjectorQueue()))
                    .getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int consumersOnProjectorQueue() {
        try {
            return channel.queueDeclarePassive(topology.salesProjectorQueue()).getConsumerCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AMQP.BasicProperties properties(ShopEvent event) {
        return new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(event.eventId().toString())
                .type(event.eventType().typeName())
                .headers(Map.of(
                        MessageHeaders.SEQUENCE,
                        event.sequence(),
                        MessageHeaders.SCHEMA_VERSION,
                        event.eventType().schemaVersion(),
                        MessageHeaders.CORRELATION_ID,
                        UUID.randomUUID().toString()))
                .build();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // the test is over
        }
    }
}
