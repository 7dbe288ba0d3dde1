package com.licenceshop.projector.topology;

import com.licenceshop.events.Topology;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;

/**
 * Declares what the projector needs on the broker, idempotently, whenever a connection comes up: the events
 * exchange (same arguments as the command API, so whoever starts first declares it), the dead-letter
 * exchange, the projector's quorum queue bound to every event type, and its dead-letter queue.
 */
@Singleton
public final class SalesProjectorTopology extends ChannelInitializer {

    private final Topology topology;
    private final int deliveryLimit;

    SalesProjectorTopology(Topology topology, @Value("${shop.projector.delivery-limit:10}") int deliveryLimit) {
        this.topology = topology;
        this.deliveryLimit = deliveryLimit;
    }

    @Override
    public void initialize(Channel channel, String connectionName) throws IOException {
        declare(channel, topology, deliveryLimit);
    }

    /** Also used by tests and the benchmark, which publish before a projector may have started. */
    public static void declare(Channel channel, Topology topology, int deliveryLimit) throws IOException {
        String queue = topology.salesProjectorQueue();
        String deadLetters = topology.deadLetterQueue(queue);
        channel.exchangeDeclare(topology.eventsExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(topology.deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(deadLetters, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(deadLetters, topology.deadLetterExchange(), deadLetters);
        // the delivery limit is the backstop: a message that keeps failing without being dead-lettered by us
        // (e.g. the projector crashes on it) is dead-lettered by the broker instead of looping forever
        channel.queueDeclare(queue, true, false, false, Map.of(
                "x-queue-type", "quorum",
                "x-dead-letter-exchange", topology.deadLetterExchange(),
                "x-dead-letter-routing-key", deadLetters,
                "x-delivery-limit", deliveryLimit));
        for (String routingKey : topology.salesProjectorBindings()) {
            channel.queueBind(queue, topology.eventsExchange(), routingKey);
        }
    }
}
