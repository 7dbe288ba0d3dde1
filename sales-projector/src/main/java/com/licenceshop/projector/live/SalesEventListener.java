package com.licenceshop.projector.live;

import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.messaging.annotation.MessageBody;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/**
 * Receives every event of the projector's queue and hands it to its channel's batch. It acknowledges nothing
 * itself: a batch is acknowledged (multiple) after its transaction committed.
 */
@RabbitListener
@Requires(property = "shop.projector.consume", notEquals = "false")
class SalesEventListener {

    /** Unacknowledged deliveries per consumer: the upper bound of a batch. A constant: {@code @Queue} takes no placeholder here. */
    static final int PREFETCH = 500;

    private final DeliveryBatches batches;

    SalesEventListener(DeliveryBatches batches) {
        this.batches = batches;
    }

    // the queue name is Topology.salesProjectorQueue(); ListenerQueueNameTest keeps the two equal
    @Queue(value = "${shop.namespace}.sales-projector", prefetch = PREFETCH, numberOfConsumers = "${shop.projector.consumers}")
    void receive(@MessageBody byte[] body, Envelope envelope, BasicProperties properties, Channel channel,
                 RabbitAcknowledgement acknowledgement) {
        batches.add(channel, new ReceivedDelivery(body, envelope.getDeliveryTag(), properties, acknowledgement));
    }
}
