package com.licenceshop.projector.deadletter;

import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.Topology;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The projector's dead-letter queue. A message that cannot be parsed or applied is parked there by the
 * projector itself (published with the reason in {@link MessageHeaders#DEAD_LETTER_REASON}, confirmed, then
 * the original is acknowledged), so ops see why; the queue's delivery limit dead-letters through the broker
 * only what never reaches that code (e.g. a message the projector keeps crashing on).
 */
@Singleton
public final class DeadLetters {

    private static final long CONFIRM_TIMEOUT_MS = 10_000;
    private static final int MAX_REASON_LENGTH = 1_000;

    /** A message to park and why. */
    public record Parked(byte[] body, BasicProperties properties, String reason) {}

    private final ChannelPool channels;
    private final Topology topology;

    DeadLetters(ChannelPool channels, Topology topology) {
        this.channels = channels;
        this.topology = topology;
    }

    /** Returns when the broker has confirmed every parked message. */
    public void park(List<Parked> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        String queue = topology.deadLetterQueue(topology.salesProjectorQueue());
        withConfirmingChannel(channel -> {
            for (Parked message : messages) {
                channel.basicPublish(
                        topology.deadLetterExchange(),
                        queue,
                        false,
                        withReason(message.properties(), message.reason()),
                        message.body());
            }
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            return null;
        });
    }

    /**
     * Publishes the messages again to the projector's queue, at its tail, as new messages: their delivery count
     * starts over. Returns when the broker has confirmed every one; the caller then acknowledges the originals.
     */
    public void putBack(List<Parked> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        withConfirmingChannel(channel -> {
            for (Parked message : messages) {
                channel.basicPublish(
                        "", topology.salesProjectorQueue(), false, withoutReason(message.properties()), message.body());
            }
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            return null;
        });
    }

    /**
     * Moves what is in the dead-letter queue now back to the projector's queue (each message confirmed before
     * it is removed from the dead-letter queue). Messages that fail again come back, but are not moved twice
     * by one call. Returns how many were moved.
     */
    public int redrive() throws IOException {
        String queue = topology.salesProjectorQueue();
        String deadLetters = topology.deadLetterQueue(queue);
        return withConfirmingChannel(channel -> {
            long waiting = channel.queueDeclarePassive(deadLetters).getMessageCount();
            int moved = 0;
            while (moved < waiting) {
                GetResponse message = channel.basicGet(deadLetters, false);
                if (message == null) {
                    break;
                }
                channel.basicPublish("", queue, false, withoutReason(message.getProps()), message.getBody());
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
                channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
                moved++;
            }
            return moved;
        });
    }

    private interface ChannelWork<T> {
        T run(Channel channel) throws IOException, InterruptedException, TimeoutException;
    }

    private <T> T withConfirmingChannel(ChannelWork<T> work) throws IOException {
        Channel channel = channels.getChannel();
        boolean healthy = false;
        try {
            channel.confirmSelect();
            T result = work.run(channel);
            healthy = true;
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker's confirms", e);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm in time", e);
        } finally {
            if (healthy) {
                channels.returnChannel(channel);
            } else {
                closeQuietly(channel); // unacknowledged gets go back to the dead-letter queue
            }
        }
    }

    private static AMQP.BasicProperties withReason(BasicProperties properties, String reason) {
        Map<String, Object> headers =
                new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.put(
                MessageHeaders.DEAD_LETTER_REASON,
                reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason);
        return copy(properties, headers);
    }

    private static AMQP.BasicProperties withoutReason(BasicProperties properties) {
        Map<String, Object> headers =
                new HashMap<>(properties.getHeaders() == null ? Map.of() : properties.getHeaders());
        headers.remove(MessageHeaders.DEAD_LETTER_REASON);
        headers.remove("x-death");
        headers.remove("x-delivery-count");
        return copy(properties, headers);
    }

    private static AMQP.BasicProperties copy(BasicProperties p, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder()
                .contentType(p.getContentType())
                .contentEncoding(p.getContentEncoding())
                .headers(headers)
                .deliveryMode(2)
                .priority(p.getPriority())
                .correlationId(p.getCorrelationId())
                .replyTo(p.getReplyTo())
                .expiration(p.getExpiration())
                .messageId(p.getMessageId())
                .timestamp(p.getTimestamp())
                .type(p.getType())
                .appId(p.getAppId())
                .build();
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException ignored) {
            // the channel is gone either way
        }
    }
}
