package com.licenceshop.command.outbox;

import com.licenceshop.events.EventType;
import com.licenceshop.events.Topology;
import com.rabbitmq.client.Channel;
import io.micronaut.rabbitmq.connect.ChannelPool;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to the events exchange on one channel in confirm mode: all rows of a batch go out, then one wait
 * for the broker's confirms. A channel that failed is thrown away; the next batch opens a new one.
 * Used by the relay thread only.
 */
@Singleton
class RabbitEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitEventPublisher.class);

    private final ChannelPool channels;
    private final Topology topology;
    private final RelayConfig config;
    private final PublishSpans spans;
    private Channel channel;

    RabbitEventPublisher(ChannelPool channels, Topology topology, RelayConfig config, PublishSpans spans) {
        this.channels = channels;
        this.topology = topology;
        this.config = config;
        this.spans = spans;
    }

    @Override
    public synchronized void publish(List<OutboxRow> rows) throws PublishException {
        try {
            Channel ch = channel();
            EventMessages.publishConfirmed(
                    ch,
                    topology.eventsExchange(),
                    row -> EventType.ofTypeName(row.type()).routingKey(),
                    rows,
                    false,
                    config.confirmTimeout(),
                    spans);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardChannel();
            throw new PublishException("interrupted while waiting for confirms", e);
        } catch (Exception e) {
            // IOException, TimeoutException, ShutdownSignalException (connection gone), nack
            discardChannel();
            throw new PublishException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private Channel channel() throws Exception {
        if (channel == null || !channel.isOpen()) {
            discardChannel();
            Channel fresh = channels.getChannel();
            fresh.confirmSelect();
            channel = fresh;
        }
        return channel;
    }

    private void discardChannel() {
        Channel old = channel;
        channel = null;
        if (old != null) {
            try {
                old.abort();
            } catch (Exception e) {
                LOG.debug("closing a failed channel: {}", e.toString());
            }
            // a closed channel handed back is only counted off by the pool, never reused
            channels.returnChannel(old);
        }
    }

    /** Hands the channel back so the pool closes it with the connection. */
    @PreDestroy
    synchronized void close() {
        Channel open = channel;
        channel = null;
        if (open != null && open.isOpen()) {
            channels.returnChannel(open);
        }
    }
}
