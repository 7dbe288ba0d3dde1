package com.licenceshop.command.outbox;

import com.licenceshop.events.EventType;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.ConfirmedPublisher;
import com.licenceshop.servicedefaults.ConfirmedPublisher.ConfirmingChannel;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * Publishes to the events exchange on one channel in confirm mode: all rows of a batch go out, then one wait
 * for the broker's confirms. A channel that failed is thrown away; the next batch opens a new one.
 * Used by the relay thread only.
 */
@Singleton
class RabbitEventPublisher implements EventPublisher {

    private final ConfirmedPublisher publisher;
    private final Topology topology;
    private final RelayConfig config;
    private final PublishSpans spans;
    private ConfirmingChannel channel;

    RabbitEventPublisher(ConfirmedPublisher publisher, Topology topology, RelayConfig config, PublishSpans spans) {
        this.publisher = publisher;
        this.topology = topology;
        this.config = config;
        this.spans = spans;
    }

    @Override
    public synchronized void publish(List<OutboxRow> rows) throws PublishException {
        try {
            EventMessages.publishConfirmed(
                    channel(),
                    topology.eventsExchange(),
                    row -> EventType.ofTypeName(row.type()).routingKey(),
                    rows,
                    false,
                    spans);
        } catch (Exception e) {
            // IOException (nack, no confirm in time, interrupted), ShutdownSignalException (connection gone)
            discardChannel();
            throw new PublishException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private ConfirmingChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            discardChannel();
            // the events exchange may have no queue bound yet (no consumer started in this namespace)
            channel = publisher.open(config.confirmTimeout(), ConfirmedPublisher.Unroutable.IS_DROPPED);
        }
        return channel;
    }

    private void discardChannel() {
        ConfirmingChannel old = channel;
        channel = null;
        if (old != null) {
            old.discard();
        }
    }

    /** Hands the channel back so the pool closes it with the connection. */
    @PreDestroy
    synchronized void close() {
        ConfirmingChannel open = channel;
        channel = null;
        if (open != null) {
            open.close();
        }
    }
}
