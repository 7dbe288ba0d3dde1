package com.licenceshop.notification.broker;

import com.licenceshop.events.Topology;
import com.licenceshop.notification.retry.DelaySchedule;
import com.licenceshop.servicedefaults.ConsumerQueues;
import com.rabbitmq.client.Channel;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelInitializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares what this service consumes from and parks in, before any consumer starts (and again after the
 * broker comes back). Declarations are idempotent; changing a queue's arguments needs a new queue name.
 */
@Singleton
class NotificationQueues extends ChannelInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationQueues.class);

    private final Topology topology;
    private final DelaySchedule retrySchedule;
    private final int deliveryLimit;

    /**
     * {@code deliveryLimit}: the backstop against a message that crashes its consumer again and again (a poison
     * message): after this many returns to the queue the broker dead-letters it. Ordinary failures never get
     * there: they go through the delay queues or are parked by the service itself.
     */
    NotificationQueues(
            Topology topology,
            DelaySchedule retrySchedule,
            @Value("${shop.notification.delivery-limit:5}") int deliveryLimit) {
        this.topology = topology;
        this.retrySchedule = retrySchedule;
        this.deliveryLimit = deliveryLimit;
    }

    @Override
    public void initialize(Channel channel, String connectionName) throws IOException {
        String queue = topology.notificationQueue();
        String deadLetters =
                ConsumerQueues.declare(channel, topology, queue, topology.notificationBindings(), deliveryLimit);

        for (Duration delay : retrySchedule.distinctDelays()) {
            // A message waits here for the queue's TTL, then the broker dead-letters it through the default
            // exchange straight back to the work queue. At-least-once dead-lettering, so the hop cannot lose it.
            channel.queueDeclare(
                    topology.notificationRetryQueue(delay),
                    true,
                    false,
                    false,
                    Map.of(
                            "x-queue-type", "quorum",
                            "x-message-ttl", delay.toMillis(),
                            "x-dead-letter-exchange", "",
                            "x-dead-letter-routing-key", queue,
                            "x-dead-letter-strategy", "at-least-once",
                            "x-overflow", "reject-publish"));
        }
        LOG.info(
                "declared {} bound to {} with dead letters in {} and delay queues {}",
                queue,
                topology.notificationBindings(),
                deadLetters,
                retrySchedule.distinctDelays());
    }
}
