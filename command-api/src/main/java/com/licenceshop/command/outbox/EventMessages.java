package com.licenceshop.command.outbox;

import com.licenceshop.events.MessageHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * How a stored event becomes an AMQP message, and how a batch of them is published with confirms. The one
 * place for it, so the relay and an ops replay send identical messages (a replay only adds its header).
 */
final class EventMessages {

    private static final int PERSISTENT = 2;

    private EventMessages() {
    }

    static AMQP.BasicProperties properties(OutboxRow row, boolean replay) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(MessageHeaders.SEQUENCE, row.sequence());
        headers.put(MessageHeaders.SCHEMA_VERSION, row.schemaVersion());
        if (row.correlationId() != null) {
            headers.put(MessageHeaders.CORRELATION_ID, row.correlationId());
        }
        if (replay) {
            headers.put(MessageHeaders.REPLAY, true);
        }
        return new AMQP.BasicProperties.Builder()
                .deliveryMode(PERSISTENT)
                .messageId(row.eventId().toString())
                .type(row.type())
                .contentType("application/json")
                .contentEncoding("UTF-8")
                .correlationId(row.correlationId())
                .timestamp(Date.from(row.occurredAt()))
                .appId("command-api")
                .headers(headers)
                .build();
    }

    /**
     * Publishes the rows in order on a channel in confirm mode, then waits once for all confirms.
     *
     * @throws IOException if the broker nacked a row or the channel failed; treat every row as unpublished
     */
    static void publishConfirmed(Channel channel, String exchange, Function<OutboxRow, String> routingKey,
                                 List<OutboxRow> rows, boolean replay, Duration confirmTimeout)
            throws IOException, InterruptedException, TimeoutException {
        for (OutboxRow row : rows) {
            channel.basicPublish(exchange, routingKey.apply(row), false, properties(row, replay), row.payload());
        }
        channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
    }
}
