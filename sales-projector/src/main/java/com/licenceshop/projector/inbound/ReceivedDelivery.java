package com.licenceshop.projector.inbound;

import com.rabbitmq.client.BasicProperties;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/**
 * One event of a message the broker delivered, not yet acknowledged: with the body and properties it would have
 * had as a message of its own. The events of one message share its delivery tag and acknowledgement.
 * {@code unreadable}: why the message could not be split (then this is the whole message, to park); else null.
 */
record ReceivedDelivery(
        byte[] body,
        long deliveryTag,
        BasicProperties properties,
        RabbitAcknowledgement acknowledgement,
        String unreadable) {}
