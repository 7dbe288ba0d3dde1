package com.licenceshop.servicedefaults;

import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.Topology;
import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's dead-letter queue ({@link ConsumerQueues}): park a message there with the reason, put a message back
 * at the tail of the work queue as a new one, re-drive what is parked. Each move is confirmed by the broker (its
 * next home took it) before the caller, or the re-drive, acknowledges the original: a crash in between duplicates a
 * message, never loses one.
 */
public final class DeadLetterQueue {

    /** Which re-drive moved the message last (a UUID per re-drive): the loop guard. */
    public static final String REDRIVE_ID = "x-shop-redrive-id";

    /** Reasons longer than this are cut: a header must fit into a frame with the rest. */
    static final int MAX_REASON_LENGTH = 1_000;
    /** Guards against a flood only: a re-drive ends when the queue has nothing more to hand out. */
    static final int MAX_MESSAGES_PER_REDRIVE = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);

    /** A message to move, with why (kept in {@link MessageHeaders#DEAD_LETTER_REASON} when parked). */
    public record Message(byte[] body, BasicProperties properties, String reason) {}

    private final ConfirmedPublisher publisher;
    private final String deadLetterExchange;
    private final String workQueue;
    private final String deadLetters;

    /** The dead-letter queue of {@code workQueue}, as {@link ConsumerQueues} declared them. */
    public DeadLetterQueue(ConfirmedPublisher publisher, Topology topology, String workQueue) {
        this.publisher = publisher;
        this.deadLetterExchange = topology.deadLetterExchange();
        this.workQueue = workQueue;
        this.deadLetters = topology.deadLetterQueue(workQueue);
    }

    /** The queue's name, for log lines. */
    public String name() {
        return deadLetters;
    }

    /** Parks the messages with their reasons; returns when the broker has confirmed every one. */
    public void park(List<Message> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        try (ConfirmedPublisher.ConfirmingChannel channel = open()) {
            for (Message message : messages) {
                channel.publish(
                        deadLetterExchange,
                        deadLetters,
                        AmqpHeaders.with(
                                message.properties(),
                                Map.of(MessageHeaders.DEAD_LETTER_REASON, shortened(message.reason()))),
                        message.body());
            }
            channel.awaitConfirms();
        }
    }

    /**
     * Publishes the messages again at the tail of the work queue, as new messages: their delivery count starts over.
     * Returns when the broker has confirmed every one; the caller then acknowledges the originals.
     */
    public void putBack(List<Message> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        try (ConfirmedPublisher.ConfirmingChannel channel = open()) {
            for (Message message : messages) {
                channel.publish("", workQueue, backToWork(message.properties(), Map.of()), message.body());
            }
            channel.awaitConfirms();
        }
    }

    /**
     * Moves the parked messages {@code which} accepts back to the work queue without a reason, with {@code changes}
     * to their headers (a null value removes one), each acknowledged here only after the work queue confirmed its
     * copy. A message this very re-drive moved that fails and is parked again meanwhile is left for the next
     * re-drive, so one call never moves a message round and round. Returns how many were moved.
     */
    public int redrive(Predicate<GetResponse> which, Map<String, Object> changes) throws IOException {
        String redriveId = UUID.randomUUID().toString();
        Map<String, Object> marked = new HashMap<>(changes);
        marked.put(REDRIVE_ID, redriveId);
        ConfirmedPublisher.ConfirmingChannel channel = open();
        boolean settled = false;
        try {
            // What we fetch stays unacknowledged on this channel until settled, so the queue never hands out the same
            // message twice and the loop ends when it has nothing more to give.
            List<Long> keep = new ArrayList<>();
            int moved = 0;
            for (int fetched = 0; fetched < MAX_MESSAGES_PER_REDRIVE; fetched++) {
                GetResponse message = channel.amqp().basicGet(deadLetters, false);
                if (message == null) {
                    break;
                }
                long tag = message.getEnvelope().getDeliveryTag();
                if (redriveId.equals(AmqpHeaders.string(message.getProps(), REDRIVE_ID)) || !which.test(message)) {
                    keep.add(tag);
                    continue;
                }
                channel.publish("", workQueue, backToWork(message.getProps(), marked), message.getBody());
                channel.awaitConfirms();
                channel.amqp().basicAck(tag, false);
                moved++;
            }
            for (long tag : keep) {
                channel.amqp().basicNack(tag, false, true);
            }
            settled = true;
            LOG.info("re-drove {} message(s) from {} to {}", moved, deadLetters, workQueue);
            return moved;
        } finally {
            if (settled) {
                channel.close();
            } else {
                channel.discard(); // everything it still holds goes back to the dead-letter queue
            }
        }
    }

    private ConfirmedPublisher.ConfirmingChannel open() throws IOException {
        return publisher.open(ConfirmedPublisher.CONFIRM_TIMEOUT, ConfirmedPublisher.Unroutable.FAILS);
    }

    /** Back in the work queue: no reason, no trace of the broker's own dead-lettering. */
    private static com.rabbitmq.client.AMQP.BasicProperties backToWork(
            BasicProperties properties, Map<String, Object> changes) {
        Map<String, Object> set = new HashMap<>();
        List<String> remove = new ArrayList<>(List.of(MessageHeaders.DEAD_LETTER_REASON, AmqpHeaders.DEATH));
        changes.forEach((name, value) -> {
            if (value == null) {
                remove.add(name);
            } else {
                set.put(name, value);
            }
        });
        return AmqpHeaders.with(properties, set, remove.toArray(String[]::new));
    }

    private static String shortened(String reason) {
        String text = reason == null ? "" : reason;
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text;
    }
}
