package com.licenceshop.servicedefaults;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ReturnListener;
import io.micronaut.context.annotation.Requires;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a service publishes with the broker's confirms: a call returns only once the broker has taken every
 * message, so whoever moves a message acknowledges the original after that, and a crash in between duplicates the
 * message instead of losing it. Services do not call {@code confirmSelect} or {@code waitForConfirms} themselves
 * (ArchitectureRules).
 */
@Singleton
@Requires(classes = ChannelPool.class)
@Requires(beans = ChannelPool.class)
public class ConfirmedPublisher {

    /** How long the moves between a service's own queues wait for a confirm. */
    public static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedPublisher.class);

    /** What the broker does with a message no queue is bound for. */
    public enum Unroutable {
        /** Returns it, and the publish fails (mandatory): a move to a queue of the service's own. */
        FAILS,
        /** Drops it, confirmed: an exchange that may have no consumer yet (the events exchange). */
        IS_DROPPED
    }

    private final ChannelPool channels;

    public ConfirmedPublisher(ChannelPool channels) {
        this.channels = channels;
    }

    /**
     * Publishes one message to a queue (it fails if none is bound to the key) and returns once the broker confirmed
     * it, within {@link #CONFIRM_TIMEOUT}.
     *
     * @throws IOException when the broker nacked, did not confirm in time, or no queue was bound to the key
     */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        try (ConfirmingChannel channel = open(CONFIRM_TIMEOUT, Unroutable.FAILS)) {
            channel.publish(exchange, routingKey, properties, body);
            channel.awaitConfirms();
        }
    }

    /** A pooled channel in confirm mode, for several publishes with one wait (a batch, a sequence of moves). */
    public ConfirmingChannel open(Duration confirmTimeout, Unroutable unroutable) throws IOException {
        Channel channel = channels.getChannel();
        try {
            return new ConfirmingChannel(channels, channel, confirmTimeout, unroutable);
        } catch (IOException | RuntimeException e) {
            ConfirmingChannel.abortAndReturn(channels, channel);
            throw e;
        }
    }

    /**
     * A channel in confirm mode, used by one thread: {@link #publish} as many messages as belong together, then
     * {@link #awaitConfirms} once. {@link #amqp()} serves what else the holder does on it (fetch from a queue,
     * acknowledge what it moved).
     */
    public static final class ConfirmingChannel implements AutoCloseable {

        private final ChannelPool channels;
        private final Channel channel;
        private final long confirmTimeoutMillis;
        private final boolean mandatory;
        private final AtomicInteger returned = new AtomicInteger();
        private final ReturnListener onReturn;

        private ConfirmingChannel(ChannelPool channels, Channel channel, Duration confirmTimeout, Unroutable unroutable)
                throws IOException {
            this.channels = channels;
            this.channel = channel;
            this.confirmTimeoutMillis = confirmTimeout.toMillis();
            this.mandatory = unroutable == Unroutable.FAILS;
            // a returned message comes back before its confirm, on the connection's thread
            this.onReturn =
                    mandatory ? (code, text, exchange, key, properties, body) -> returned.incrementAndGet() : null;
            if (onReturn != null) {
                channel.addReturnListener(onReturn);
            }
            if (channel.getNextPublishSeqNo() == 0) {
                // not in confirm mode yet (a pooled channel may be: a second select would cost a round trip)
                channel.confirmSelect();
            }
        }

        /** The channel itself, for fetching, acknowledging or declaring; never for publishing. */
        public Channel amqp() {
            return channel;
        }

        public boolean isOpen() {
            return channel.isOpen();
        }

        public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            channel.basicPublish(exchange, routingKey, mandatory, properties, body);
        }

        /**
         * Returns once the broker confirmed everything published on this channel so far.
         *
         * @throws IOException when the broker nacked one, did not confirm in time (the channel is closed then), or
         *     returned one as unroutable ({@link Unroutable#FAILS}); treat every message since the last wait as not
         *     published
         */
        public void awaitConfirms() throws IOException {
            try {
                channel.waitForConfirmsOrDie(confirmTimeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the broker's confirms", e);
            } catch (TimeoutException e) {
                throw new IOException("the broker did not confirm within " + confirmTimeoutMillis + " ms", e);
            }
            int unroutable = returned.getAndSet(0);
            if (unroutable > 0) {
                throw new IOException(unroutable + " message(s) reached no queue");
            }
        }

        /** Back to the pool if the channel is healthy; a failed one is closed (what it fetched goes back). */
        @Override
        public void close() {
            if (onReturn != null) {
                channel.removeReturnListener(onReturn);
            }
            if (channel.isOpen()) {
                channels.returnChannel(channel);
            } else {
                abortAndReturn(channels, channel);
            }
        }

        /**
         * Closed, never reused: after a failure, or where a confirm-mode channel must not go back to a pool other
         * publishers share. What it fetched unacknowledged goes back to its queue.
         */
        public void discard() {
            if (onReturn != null) {
                channel.removeReturnListener(onReturn);
            }
            abortAndReturn(channels, channel);
        }

        private static void abortAndReturn(ChannelPool channels, Channel channel) {
            try {
                channel.abort();
            } catch (Exception e) {
                LOG.debug("closing a channel: {}", e.toString());
            }
            // a closed channel handed back is only counted off by the pool, never reused
            channels.returnChannel(channel);
        }
    }
}
