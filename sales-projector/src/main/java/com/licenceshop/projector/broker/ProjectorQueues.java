package com.licenceshop.projector.broker;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.ConsumerQueues;
import com.rabbitmq.client.Channel;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Declares the projector's queues ({@link ConsumerQueues}) whenever a connection comes up: its quorum queue
 * bound to every event type, and its dead-letter queue.
 */
@Singleton
public final class ProjectorQueues extends ChannelInitializer {

    private final Topology topology;
    private final int deliveryLimit;

    ProjectorQueues(Topology topology, @Value("${shop.projector.delivery-limit:10}") int deliveryLimit) {
        this.topology = topology;
        this.deliveryLimit = deliveryLimit;
    }

    @Override
    public void initialize(Channel channel, String connectionName) throws IOException {
        declare(channel, topology, deliveryLimit);
    }

    /** Also used by tests and the benchmark, which publish before a projector may have started. */
    public static void declare(Channel channel, Topology topology, int deliveryLimit) throws IOException {
        ConsumerQueues.declare(
                channel, topology, topology.salesProjectorQueue(), topology.salesProjectorBindings(), deliveryLimit);
    }
}
