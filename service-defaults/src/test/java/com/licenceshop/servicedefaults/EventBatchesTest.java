package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.events.MessageHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventBatchesTest {

    private static EventBatches.Event event(int n, String json) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(MessageHeaders.SEQUENCE, 1000L + n);
        headers.put(MessageHeaders.SCHEMA_VERSION, 2);
        headers.put(
                MessageHeaders.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b71692033" + (10 + n) + "-01");
        headers.put(MessageHeaders.CORRELATION_ID, "corr-" + n);
        if (n % 2 == 0) {
            headers.put(MessageHeaders.REPLAY, true);
        }
        return new EventBatches.Event(
                new AMQP.BasicProperties.Builder()
                        .messageId("event-" + n)
                        .type(n % 2 == 0 ? "OrderPlaced" : "OrderCancelled")
                        .correlationId("corr-" + n)
                        .timestamp(new Date(1_700_000_000_000L + n))
                        .appId("command-api")
                        .deliveryMode(2)
                        .contentType("application/json")
                        .headers(headers)
                        .build(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static EventBatches.Event event(int n) {
        return event(
                n,
                "{\"eventId\":\"event-" + n + "\",\"text\":\"ä \\\"quoted\\\" }{ [\",\"lines\":[{\"n\":" + n + "}]}");
    }

    @Test
    void aBatchsEventsComeOutWithTheBodiesAndHeadersTheyHad() {
        List<EventBatches.Event> events =
                IntStream.range(0, 5).mapToObj(EventBatchesTest::event).toList();

        EventBatches.Event message = EventBatches.pack(events);
        List<EventBatches.Event> unpacked = EventBatches.unpack(message.properties(), message.body());

        assertThat(message.properties().getHeaders()).containsEntry(EventBatches.HEADER, 5);
        assertThat(EventBatches.isBatch(message.properties())).isTrue();
        assertThat(unpacked).hasSize(5);
        for (int i = 0; i < 5; i++) {
            AMQP.BasicProperties in = events.get(i).properties();
            AMQP.BasicProperties out = unpacked.get(i).properties();
            assertThat(new String(unpacked.get(i).body(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(events.get(i).body(), StandardCharsets.UTF_8));
            assertThat(out.getMessageId()).isEqualTo(in.getMessageId());
            assertThat(out.getType()).isEqualTo(in.getType());
            assertThat(out.getCorrelationId()).isEqualTo(in.getCorrelationId());
            assertThat(out.getTimestamp()).isEqualTo(in.getTimestamp());
            assertThat(out.getDeliveryMode()).isEqualTo(2);
            assertThat(out.getContentType()).isEqualTo("application/json");
            // the same header values with the same Java types as the event's own message would have had
            assertThat(out.getHeaders()).isEqualTo(in.getHeaders());
            assertThat(EventBatches.isBatch(out)).isFalse();
        }
    }

    @Test
    void aLoneEventGoesAloneAndAnUnbatchedMessageIsOneEvent() {
        EventBatches.Event one = event(1);

        EventBatches.Event message = EventBatches.pack(List.of(one));

        assertThat(message).isSameAs(one);
        assertThat(EventBatches.isBatch(message.properties())).isFalse();
        assertThat(EventBatches.unpack(message.properties(), message.body())).containsExactly(one);
    }

    @Test
    void theBatchsBrokerHeadersReachEveryEventWhoseOwnHeadersWin() {
        EventBatches.Event packed = EventBatches.pack(List.of(event(1), event(2)));
        Map<String, Object> headers = new HashMap<>(packed.properties().getHeaders());
        headers.put("x-delivery-count", 3L);
        headers.put(MessageHeaders.CORRELATION_ID, LongStringHelper.asLongString("the batch's"));

        List<EventBatches.Event> unpacked = EventBatches.unpack(
                packed.properties().builder().headers(headers).build(), packed.body());

        assertThat(unpacked)
                .extracting(e -> e.properties().getHeaders().get("x-delivery-count"))
                .containsExactly(3L, 3L);
        assertThat(unpacked)
                .extracting(e -> e.properties().getHeaders().get(MessageHeaders.CORRELATION_ID))
                .containsExactly("corr-1", "corr-2");
    }

    @Test
    void headersAsTheBrokerDeliversThemLongStringsAreCarriedAsText() {
        EventBatches.Event delivered = event(1);
        Map<String, Object> headers = new HashMap<>(delivered.properties().getHeaders());
        headers.put(MessageHeaders.TRACESTATE, LongStringHelper.asLongString("vendor=x"));
        EventBatches.Event withLongString = new EventBatches.Event(
                delivered.properties().builder().headers(headers).build(), delivered.body());

        EventBatches.Event packed = EventBatches.pack(List.of(withLongString, event(3)));

        assertThat(EventBatches.unpack(packed.properties(), packed.body())
                        .get(0)
                        .properties()
                        .getHeaders())
                .containsEntry(MessageHeaders.TRACESTATE, "vendor=x");
    }

    @Test
    void runsKeepOrderSplitOnKeyChangesAndStayWithinTheMax() {
        List<String> keys = List.of("a", "a", "a", "b", "a", "a", "a", "a", "a");

        List<List<String>> runs = EventBatches.runs(keys, k -> k, 3);

        assertThat(runs)
                .containsExactly(List.of("a", "a", "a"), List.of("b"), List.of("a", "a", "a"), List.of("a", "a"));
        assertThat(EventBatches.runs(List.<String>of(), k -> k, 20)).isEmpty();
    }

    @Test
    void aBatchWhoseBodyIsNotWhatItsHeaderAnnouncesIsMalformed() {
        EventBatches.Event packed = EventBatches.pack(List.of(event(1), event(2)));
        AMQP.BasicProperties saysThree = packed.properties()
                .builder()
                .headers(Map.of(EventBatches.HEADER, 3))
                .build();
        byte[] truncated = new String(packed.body(), StandardCharsets.UTF_8)
                .substring(0, 40)
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventBatches.unpack(saysThree, packed.body()))
                .isInstanceOf(EventBatches.MalformedBatchException.class)
                .hasMessageContaining("says 3 events");
        assertThatThrownBy(() -> EventBatches.unpack(packed.properties(), truncated))
                .isInstanceOf(EventBatches.MalformedBatchException.class);
        assertThatThrownBy(() -> EventBatches.unpack(
                        packed.properties(), "{\"not\":\"an array\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventBatches.MalformedBatchException.class)
                .hasMessageContaining("array");
        assertThatThrownBy(() -> EventBatches.unpack(
                        packed.properties(), "[{\"messageId\":\"x\"},{}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventBatches.MalformedBatchException.class)
                .hasMessageContaining("without a body");
        AMQP.BasicProperties notANumber = packed.properties()
                .builder()
                .headers(Map.of(EventBatches.HEADER, "two"))
                .build();
        assertThatThrownBy(() -> EventBatches.unpack(notANumber, packed.body()))
                .isInstanceOf(EventBatches.MalformedBatchException.class);
    }
}
