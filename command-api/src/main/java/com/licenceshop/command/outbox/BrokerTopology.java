package com.licenceshop.command.outbox;

import com.licenceshop.events.Topology;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Declares the exchanges this service publishes to (idempotent; re-run when the connection comes up).
 * Queues belong to the consumers, which declare and bind their own.
 */
@Singleton
class BrokerTopology extends ChannelInitializer {

    private final Topology topology;

    BrokerTopology(Topology topology) {
        this.topology = topology;
    }

    @Override
    public void initialize(Channel channel, String name) throws IOException {
        channel.exchangeDeclare(topology.eventsExchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(topology.deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
    }
}
