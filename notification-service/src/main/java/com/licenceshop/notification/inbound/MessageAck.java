package com.licenceshop.notification.inbound;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgement of one delivered message, which may carry several events (transport version 2), each
 * settled on its own (mailed, nothing to do, or moved to a delay or the dead-letter queue), possibly by different
 * senders. The message is acknowledged once, when its last event is settled; if moving any of its events failed,
 * it is returned to the queue instead, and all its events come again: the mailed ones are found SENT in the ledger
 * (one mail per event), a moved one may be moved twice (the ledger decides again when that copy arrives).
 */
final class MessageAck {

    private static final Logger LOG = LoggerFactory.getLogger(MessageAck.class);

    private final Channel channel;
    private final long tag;
    private int unsettled;
    private boolean returnToQueue;

    MessageAck(Channel channel, long tag, int events) {
        if (events < 1) {
            throw new IllegalArgumentException("a message carries at least one event: " + events);
        }
        this.channel = channel;
        this.tag = tag;
        this.unsettled = events;
    }

    /** One event is settled; {@code moved} false if its next home did not take it. */
    void settled(boolean moved) {
        boolean last;
        boolean giveBack;
        synchronized (this) {
            if (unsettled == 0) {
                throw new IllegalStateException("every event of message " + tag + " is settled already");
            }
            returnToQueue |= !moved;
            last = --unsettled == 0;
            giveBack = returnToQueue;
        }
        if (!last) {
            return;
        }
        try {
            if (giveBack) {
                channel.basicNack(tag, false, true);
            } else {
                channel.basicAck(tag, false);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "could not {} the message ({}); the broker redelivers it when the channel closes",
                    giveBack ? "return" : "acknowledge",
                    e.toString());
        }
    }

    synchronized int unsettled() {
        return unsettled;
    }
}
