package com.licenceshop.servicedefaults;

import com.licenceshop.events.Topology;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A consumer's own queues on the broker, declared the one way every consumer declares them (idempotently):
 * the events exchange (same arguments as the command API, so whoever starts first declares it), the
 * dead-letter exchange, the consumer's dead-letter queue, and its quorum work queue bound to what it reads.
 */
public final class ConsumerQueues {

    private ConsumerQueues() {}

    /**
     * @param deliveryLimit the backstop: a message that keeps failing without being dead-lettered by the
     *                      consumer (e.g. it crashes on it) is dead-lettered by the broker instead of looping
     * @return the name of the dead-letter queue
     */
    public static String declare(
            Channel channel, Topology topology, String queue, List<String> routingKeys, int deliveryLimit)
            throws IOException {
        String deadLetters = topology.deadLetterQueue(queue);
        channel.exchangeDeclare(topology.eventsExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(topology.deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(deadLetters, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(deadLetters, topology.deadLetterExchange(), deadLetters);
        channel.queueDeclare(
                queue,
                true,
                false,
                false,
                Map.of(
                        "x-queue-type",
                        "quorum",
                        "x-dead-letter-exchange",
                        topology.deadLetterExchange(),
                        "x-dead-letter-routing-key",
                        deadLetters,
                        "x-delivery-limit",
                        deliveryLimit));
        for (String routingKey : routingKeys) {
            channel.queueBind(queue, topology.eventsExchange(), routingKey);
        }
        return deadLetters;
    }
}
