package com.licenceshop.notification.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ReturnListener;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes one message and returns only after the broker confirmed that a queue took it. Moving a message
 * (to a delay queue, to the dead-letter queue, back to the work queue) acknowledges the original only after
 * this returned, so a crash in between duplicates the message instead of losing it.
 */
@Singleton
public class ConfirmedPublisher {

    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final ChannelPool channels;

    ConfirmedPublisher(ChannelPool channels) {
        this.channels = channels;
    }

    /** @throws IOException when the broker nacked, did not confirm in time, or no queue was bound to the key */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        Channel channel = channels.getChannel();
        AtomicBoolean returned = new AtomicBoolean();
        ReturnListener onReturn = (replyCode, replyText, ex, key, props, b) -> returned.set(true);
        try {
            channel.addReturnListener(onReturn);
            channel.confirmSelect();
            // mandatory: an unroutable message comes back (before the confirm) instead of vanishing
            channel.basicPublish(exchange, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
            if (returned.get()) {
                throw new IOException("no queue for routing key '" + routingKey + "' on exchange '" + exchange + "'");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker's confirm", e);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm within " + CONFIRM_TIMEOUT_MILLIS + " ms", e);
        } finally {
            channel.removeReturnListener(onReturn);
            channels.returnChannel(channel);
        }
    }
}
