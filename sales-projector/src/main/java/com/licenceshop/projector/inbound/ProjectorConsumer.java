package com.licenceshop.projector.inbound;

import com.licenceshop.servicedefaults.EventBatches;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.messaging.annotation.MessageBody;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import java.util.List;

/**
 * Receives every message of the projector's queue, splits it into its events (a message may carry several,
 * transport version 2: {@link EventBatches}) and hands them to its channel's batch together. It acknowledges
 * nothing itself: a batch is acknowledged (multiple) after its transaction committed.
 */
@RabbitListener
@Requires(property = "shop.projector.consume", notEquals = "false")
class ProjectorConsumer {

    /**
     * Unacknowledged messages per consumer. A constant: {@code @Queue} takes no placeholder here. Under load a
     * message carries up to {@link EventBatches#MAX_EVENTS} events, so this is 500 events in flight, as when a
     * message was one event (and fewer at low rates, where the relay packs fewer); KEDA's target counts messages
     * too (deploy/k8s/base/autoscaling.yaml).
     */
    static final int PREFETCH = 25;
    /** Events per consumer in flight at most, the upper bound of a batch: the prefetch of full messages. */
    static final int MAX_BATCH = PREFETCH * EventBatches.MAX_EVENTS;

    private final DeliveryBatches batches;

    ProjectorConsumer(DeliveryBatches batches) {
        this.batches = batches;
    }

    // the queue name is Topology.salesProjectorQueue(); ListenerQueueNameTest keeps the two equal
    @Queue(
            value = "${shop.namespace}.sales-projector",
            prefetch = PREFETCH,
            numberOfConsumers = "${shop.projector.consumers}")
    void receive(
            @MessageBody byte[] body,
            Envelope envelope,
            BasicProperties properties,
            Channel channel,
            RabbitAcknowledgement acknowledgement) {
        long tag = envelope.getDeliveryTag();
        AMQP.BasicProperties amqp = (AMQP.BasicProperties) properties;
        List<ReceivedDelivery> events;
        try {
            events = EventBatches.unpack(amqp, body).stream()
                    .map(e -> new ReceivedDelivery(e.body(), tag, e.properties(), acknowledgement, null))
                    .toList();
        } catch (EventBatches.MalformedBatchException e) {
            // parked whole, as it came: nothing in it can be trusted to be one event
            events = List.of(new ReceivedDelivery(
                    body, tag, properties, acknowledgement, "unreadable batch: " + e.getMessage()));
        }
        batches.add(channel, events);
    }
}
