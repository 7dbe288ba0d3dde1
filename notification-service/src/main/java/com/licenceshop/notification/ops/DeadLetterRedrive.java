package com.licenceshop.notification.ops;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.Topology;
import com.licenceshop.notification.broker.ConfirmedPublisher;
import com.licenceshop.notification.broker.DeliveryHeaders;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves parked messages from the dead-letter queue back to the work queue, marked as re-driven (so a FAILED
 * mail may be tried again) and with a fresh retry schedule. Each one is acknowledged in the dead-letter queue
 * only after the work queue confirmed its copy.
 */
@Singleton
class DeadLetterRedrive {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);
    private static final int MAX_MESSAGES_PER_REDRIVE = 100_000;

    private final ChannelPool channels;
    private final ConfirmedPublisher publisher;
    private final Topology topology;
    private final EventCodec codec;

    DeadLetterRedrive(ChannelPool channels, ConfirmedPublisher publisher, Topology topology, EventCodec codec) {
        this.channels = channels;
        this.publisher = publisher;
        this.topology = topology;
        this.codec = codec;
    }

    /** @param eventId only this event's messages, or all when null; returns how many messages moved */
    int redrive(@Nullable UUID eventId) throws IOException {
        String queue = topology.notificationQueue();
        String deadLetters = topology.deadLetterQueue(queue);
        Channel channel = channels.getChannel();
        boolean settled = false;
        try {
            // Messages we fetch stay unacknowledged on this channel until we settle them, so the queue never hands
            // us the same one twice and the loop ends when it is empty (the cap only guards against a flood).
            // A message this very re-drive moved may fail again and be parked while we work: its re-drive id
            // tells us to leave it for the next re-drive instead of moving it round and round.
            String redriveId = UUID.randomUUID().toString();
            List<Long> keep = new ArrayList<>();
            int moved = 0;
            for (int fetched = 0; fetched < MAX_MESSAGES_PER_REDRIVE; fetched++) {
                GetResponse message = channel.basicGet(deadLetters, false);
                if (message == null) {
                    break;
                }
                long tag = message.getEnvelope().getDeliveryTag();
                boolean movedByThisRedrive =
                        redriveId.equals(DeliveryHeaders.stringHeader(message.getProps(), DeliveryHeaders.REDRIVE_ID));
                if (movedByThisRedrive || eventId != null && !eventId.toString().equals(eventIdOf(message))) {
                    keep.add(tag);
                    continue;
                }
                Map<String, Object> changes = new HashMap<>();
                changes.put(DeliveryHeaders.REDRIVEN, true);
                changes.put(DeliveryHeaders.REDRIVE_ID, redriveId);
                changes.put(MessageHeaders.ATTEMPT, null);
                changes.put(DeliveryHeaders.DEFERRALS, null);
                changes.put(MessageHeaders.DEAD_LETTER_REASON, null);
                publisher.publish(
                        "", queue, DeliveryHeaders.withHeaders(message.getProps(), changes), message.getBody());
                channel.basicAck(tag, false);
                moved++;
            }
            // unacknowledged messages we skipped stay with this channel until released: put them back
            for (long tag : keep) {
                channel.basicNack(tag, false, true);
            }
            settled = true;
            LOG.info(
                    "re-drove {} message(s) from {} to {}{}",
                    moved,
                    deadLetters,
                    queue,
                    eventId == null ? "" : " for event " + eventId);
            return moved;
        } finally {
            if (!settled) {
                // closing the channel returns everything it still holds to the dead-letter queue
                closeQuietly(channel);
            }
            channels.returnChannel(channel);
        }
    }

    private String eventIdOf(GetResponse message) {
        String messageId = message.getProps().getMessageId();
        if (messageId != null) {
            return messageId;
        }
        try {
            return codec.decode(message.getBody()).eventId().toString();
        } catch (EventCodec.MalformedEventException unreadable) {
            return null;
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (Exception e) {
            LOG.warn("could not close the re-drive channel: {}", e.toString());
        }
    }
}
