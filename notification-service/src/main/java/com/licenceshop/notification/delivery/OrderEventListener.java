package com.licenceshop.notification.delivery;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.notification.broker.ConfirmedPublisher;
import com.licenceshop.notification.broker.DeliveryHeaders;
import com.licenceshop.notification.mail.MailIntent;
import com.licenceshop.notification.mail.MailIntents;
import com.rabbitmq.client.AMQP.BasicProperties;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.annotation.RabbitListener;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Consumes the notification queue: decodes the event, lets {@link MailDelivery} send its mail, then moves the
 * message where the outcome says (a delay queue, the dead-letter queue) and acknowledges it. It never sleeps
 * and never requeues on a failed send; a message is acknowledged only after its next home confirmed it.
 */
@RabbitListener
class OrderEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventListener.class);

    private final EventCodec codec;
    private final MailDelivery delivery;
    private final ConfirmedPublisher publisher;
    private final Topology topology;
    private final MailMetrics metrics;

    OrderEventListener(EventCodec codec, MailDelivery delivery, ConfirmedPublisher publisher, Topology topology, MailMetrics metrics) {
        this.codec = codec;
        this.delivery = delivery;
        this.publisher = publisher;
        this.topology = topology;
        this.metrics = metrics;
    }

    // the queue name is Topology#notificationQueue() (NotificationTopology declares it): ${namespace}.notifications
    @Queue(value = "${shop.namespace}.notifications", numberOfConsumers = "${shop.notification.consumers}", prefetch = 2)
    void receive(byte[] body, com.rabbitmq.client.BasicProperties basicProperties, RabbitAcknowledgement acknowledgement) {
        // the binder only knows the interface; what the client hands over is always the AMQP 0-9-1 class
        BasicProperties properties = (BasicProperties) basicProperties;
        try {
            String correlationId = DeliveryHeaders.stringHeader(properties, MessageHeaders.CORRELATION_ID);
            if (correlationId != null) {
                MDC.put("correlationId", correlationId);
            }
            ShopEvent event;
            try {
                event = codec.decode(body);
            } catch (EventCodec.MalformedEventException e) {
                MDC.put("eventId", String.valueOf(properties.getMessageId()));
                metrics.parked("UNREADABLE");
                settle(new Outcome.Parked("malformed event: " + e.getMessage(), 0), body, properties, acknowledgement);
                return;
            }
            MDC.put("eventId", event.eventId().toString());
            orderIdOf(event).ifPresent(orderId -> MDC.put("orderId", orderId));
            Optional<MailIntent> intent = MailIntents.of(event);
            if (intent.isEmpty()) {
                settle(new Outcome.Done(event.eventType().typeName() + " needs no mail"), body, properties, acknowledgement);
                return;
            }
            settle(deliver(intent.get(), Delivery.of(properties)), body, properties, acknowledgement);
        } finally {
            MDC.clear();
        }
    }

    private Outcome deliver(MailIntent intent, Delivery message) {
        try {
            return delivery.deliver(intent, message);
        } catch (RuntimeException e) {
            LOG.error("delivery failed outside SMTP: {}", e.toString(), e);
            return delivery.afterUnexpectedFailure(intent, message, e);
        }
    }

    private void settle(Outcome outcome, byte[] body, BasicProperties properties, RabbitAcknowledgement acknowledgement) {
        try {
            if (outcome instanceof Outcome.Done done) {
                LOG.info("{}", done.what());
            } else if (outcome instanceof Outcome.RetryLater retry) {
                publisher.publish("", topology.notificationRetryQueue(retry.delay()), headers(properties, Map.of(
                        MessageHeaders.ATTEMPT, retry.failedAttempts()), DeliveryHeaders.DEFERRALS), body);
                LOG.warn("send attempt {} failed, retrying in {}: {}", retry.failedAttempts(), retry.delay(), retry.error());
            } else if (outcome instanceof Outcome.Deferred deferred) {
                publisher.publish("", topology.notificationRetryQueue(deferred.delay()), headers(properties, Map.of(
                        DeliveryHeaders.DEFERRALS, deferred.deferrals())), body);
                LOG.info("another delivery owns this mail; looking again in {}", deferred.delay());
            } else if (outcome instanceof Outcome.Parked parked) {
                String deadLetters = topology.deadLetterQueue(topology.notificationQueue());
                publisher.publish(topology.deadLetterExchange(), deadLetters, headers(properties, Map.of(
                        MessageHeaders.DEAD_LETTER_REASON, parked.reason(),
                        MessageHeaders.ATTEMPT, parked.failedAttempts()), DeliveryHeaders.REDRIVEN), body);
                LOG.error("parked in {}: {}", deadLetters, parked.reason());
            }
            acknowledgement.ack();
        } catch (IOException | RuntimeException e) {
            // the broker did not take the moved copy: return the original; the delivery limit bounds the loop
            LOG.error("could not settle the message ({}); returning it to the queue", e.toString());
            acknowledgement.nack(false, true);
        }
    }

    private static BasicProperties headers(BasicProperties properties, Map<String, Object> set, String... remove) {
        Map<String, Object> changes = new HashMap<>(set);
        for (String name : remove) {
            changes.put(name, null);
        }
        return DeliveryHeaders.withHeaders(properties, changes);
    }

    private static Optional<String> orderIdOf(ShopEvent event) {
        if (event instanceof OrderPlaced placed) {
            return Optional.of(placed.orderId().toString());
        }
        if (event instanceof OrderCancelled cancelled) {
            return Optional.of(cancelled.orderId().toString());
        }
        return Optional.empty();
    }
}
