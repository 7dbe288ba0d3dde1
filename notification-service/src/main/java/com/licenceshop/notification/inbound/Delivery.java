package com.licenceshop.notification.inbound;

import com.licenceshop.events.MessageHeaders;
import com.licenceshop.notification.broker.DeliveryHeaders;
import com.licenceshop.servicedefaults.AmqpHeaders;
import com.rabbitmq.client.AMQP;

/**
 * Where a message stands in its mail's life, from its headers.
 *
 * @param failedAttempts send attempts that already failed for this message (0 when new or re-driven)
 * @param deferrals      how often it waited because another delivery owned the mail
 * @param redriven       ops re-drove it from the dead-letter queue
 */
record Delivery(int failedAttempts, int deferrals, boolean redriven) {

    static Delivery of(AMQP.BasicProperties properties) {
        return new Delivery(
                Math.max(0, AmqpHeaders.integer(properties, MessageHeaders.ATTEMPT)),
                Math.max(0, AmqpHeaders.integer(properties, DeliveryHeaders.DEFERRALS)),
                AmqpHeaders.flag(properties, DeliveryHeaders.REDRIVEN));
    }
}
