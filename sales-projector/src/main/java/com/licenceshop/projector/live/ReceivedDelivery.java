package com.licenceshop.projector.live;

import com.rabbitmq.client.BasicProperties;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;

/** One message as the broker delivered it, not yet acknowledged. */
record ReceivedDelivery(byte[] body, long deliveryTag, BasicProperties properties, RabbitAcknowledgement acknowledgement) {
}
