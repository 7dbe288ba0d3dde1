package com.licenceshop.command.outbox;

import com.licenceshop.events.MessageHeaders;
import com.licenceshop.servicedefaults.ConfirmedPublisher.ConfirmingChannel;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.servicedefaults.TraceHeaders;
import com.rabbitmq.client.AMQP;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a stored event becomes an AMQP message, and how a batch of them is published with confirms. The one
 * place for it, so the relay and an ops replay send identical messages (a replay only adds its header).
 */
final class EventMessages {

    private static final int PERSISTENT = 2;

    private EventMessages() {}

    /** {@code publish} is the row's publish span: its context goes into {@code traceparent}/{@code tracestate}. */
    static AMQP.BasicProperties properties(OutboxRow row, boolean replay, Span publish) {
        Map<String, Object> headers = new HashMap<>();
        TraceHeaders.inject(Context.root().with(publish), headers);
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
     * Publishes the rows in order on a channel in confirm mode, then waits once for all confirms. Consecutive rows
     * of one routing key go out together, up to {@link EventBatches#MAX_EVENTS} in one message (transport version 2,
     * docs/contracts.md); a row alone goes out as its own message (version 1). Every row keeps its own publish span,
     * whose context its event carries inside the message.
     *
     * @return how many messages went out
     * @throws IOException if the broker nacked a message, did not confirm in time or the channel failed; treat every
     *     row as unpublished
     */
    static int publishConfirmed(
            ConfirmingChannel channel,
            String exchange,
            Function<OutboxRow, String> routingKey,
            List<OutboxRow> rows,
            boolean replay,
            PublishSpans spans)
            throws IOException {
        // a replay runs in the ops request; its span is what the replayed events' spans link to
        SpanContext requestedBy = Span.current().getSpanContext();
        List<Span> started = new ArrayList<>(rows.size());
        try {
            List<List<OutboxRow>> messages = EventBatches.runs(rows, routingKey, EventBatches.MAX_EVENTS);
            for (List<OutboxRow> together : messages) {
                String key = routingKey.apply(together.get(0));
                List<EventBatches.Event> events = new ArrayList<>(together.size());
                for (OutboxRow row : together) {
                    Span publish = spans.start(row, exchange.isEmpty() ? key : exchange, replay, requestedBy);
                    started.add(publish);
                    events.add(new EventBatches.Event(properties(row, replay, publish), row.payload()));
                }
                EventBatches.Event message = EventBatches.pack(events);
                channel.publish(exchange, key, message.properties(), message.body());
            }
            channel.awaitConfirms();
            return messages.size();
        } catch (IOException | RuntimeException e) {
            started.forEach(span -> span.setStatus(StatusCode.ERROR, "not confirmed: " + e));
            throw e;
        } finally {
            started.forEach(Span::end);
        }
    }
}
