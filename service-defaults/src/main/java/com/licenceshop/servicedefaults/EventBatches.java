package com.licenceshop.servicedefaults;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.licenceshop.events.MessageHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Transport version 2: several events of one routing key in one AMQP message, since the broker's cost is per message.
 * Consumers split it back into exactly the (properties, body) each event's own message would have had, and handle each
 * event as before. Format: docs/contracts.md, "Transport versions". Pure functions on bytes and properties.
 */
public final class EventBatches {

    /** The header that makes a message version 2: how many events its body holds (int). */
    public static final String HEADER = "x-shop-batch";
    /** Most events in one message. KEDA's queue-length targets are messages: divide events by this. */
    public static final int MAX_EVENTS = 20;

    private static final JsonFactory JSON = new JsonFactory();
    private static final int PERSISTENT = 2;

    /** One event as a message of its own would carry it. */
    public record Event(AMQP.BasicProperties properties, byte[] body) {
        public Event {
            Objects.requireNonNull(properties, "properties");
            Objects.requireNonNull(body, "body");
        }
    }

    /** A version 2 message whose body does not hold what its header says. Retrying will not help. */
    public static final class MalformedBatchException extends RuntimeException {
        MalformedBatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private EventBatches() {}

    /** True when the message is a batch (version 2). */
    public static boolean isBatch(BasicProperties properties) {
        return properties != null
                && properties.getHeaders() != null
                && properties.getHeaders().containsKey(HEADER);
    }

    /**
     * Consecutive runs of {@code items} with the same key, each at most {@code max} long, in their order: what may
     * go out as one message (one routing key per message, the order kept).
     */
    public static <T> List<List<T>> runs(List<T> items, Function<T, String> key, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        List<List<T>> runs = new ArrayList<>();
        List<T> current = new ArrayList<>();
        String currentKey = null;
        for (T item : items) {
            String itemKey = key.apply(item);
            if (!current.isEmpty() && (current.size() == max || !Objects.equals(itemKey, currentKey))) {
                runs.add(current);
                current = new ArrayList<>();
            }
            current.add(item);
            currentKey = itemKey;
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    /**
     * The message that carries {@code events}: the one event's own message when there is one (version 1), else a
     * version 2 message. Every event's body must be a JSON object (an event as the outbox stores it).
     */
    public static Event pack(List<Event> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to pack");
        }
        if (events.size() == 1) {
            return events.get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                events.stream().mapToInt(e -> e.body().length + 300).sum());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Event event : events) {
                write(json, event);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
        AMQP.BasicProperties first = events.get(0).properties();
        Map<String, Object> headers = new HashMap<>(2);
        headers.put(HEADER, events.size());
        return new Event(
                new AMQP.BasicProperties.Builder()
                        .deliveryMode(PERSISTENT)
                        .contentType("application/json")
                        .contentEncoding("UTF-8")
                        .appId(first.getAppId())
                        .timestamp(first.getTimestamp())
                        .headers(headers)
                        .build(),
                out.toByteArray());
    }

    private static void write(JsonGenerator json, Event event) throws IOException {
        AMQP.BasicProperties p = event.properties();
        json.writeStartObject();
        if (p.getMessageId() != null) {
            json.writeStringField("messageId", p.getMessageId());
        }
        if (p.getType() != null) {
            json.writeStringField("type", p.getType());
        }
        if (p.getCorrelationId() != null) {
            json.writeStringField("correlationId", p.getCorrelationId());
        }
        if (p.getTimestamp() != null) {
            json.writeNumberField("timestamp", p.getTimestamp().getTime());
        }
        json.writeObjectFieldStart("headers");
        if (p.getHeaders() != null) {
            for (Map.Entry<String, Object> header : p.getHeaders().entrySet()) {
                Object value = header.getValue();
                if (value instanceof Boolean flag) {
                    json.writeBooleanField(header.getKey(), flag);
                } else if (value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof Byte) {
                    json.writeNumberField(header.getKey(), ((Number) value).longValue());
                } else if (value != null) {
                    // String, or the client's LongString (its toString() is the UTF-8 text)
                    json.writeStringField(header.getKey(), value.toString());
                }
            }
        }
        json.writeEndObject();
        // the stored JSON as it is; last, so a reader can cut it out of the bytes without decoding it
        json.writeFieldName("body");
        json.writeRawValue(new String(event.body(), StandardCharsets.UTF_8));
        json.writeEndObject();
    }

    /**
     * The events a message carries, each with the properties and body it would have had as a message of its own:
     * a version 1 message is its one event; a version 2 message's events get its headers (e.g. the broker's
     * {@code x-delivery-count}) under their own, without {@link #HEADER}.
     *
     * @throws MalformedBatchException if a version 2 body is not the array its header announces
     */
    public static List<Event> unpack(AMQP.BasicProperties properties, byte[] body) {
        if (!isBatch(properties)) {
            return List.of(new Event(properties, body));
        }
        Object declared = properties.getHeaders().get(HEADER);
        if (!(declared instanceof Number count) || count.intValue() < 1) {
            throw new MalformedBatchException(HEADER + " is not a positive number: " + declared, null);
        }
        Map<String, Object> outer = new HashMap<>(properties.getHeaders());
        outer.remove(HEADER);
        List<Event> events = new ArrayList<>(count.intValue());
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_ARRAY, "a JSON array");
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                expect(token, JsonToken.START_OBJECT, "an object per event");
                events.add(read(json, body, properties, outer));
            }
            if (json.nextToken() != null) {
                throw new MalformedBatchException("data after the array", null);
            }
        } catch (IOException e) {
            throw new MalformedBatchException("not JSON: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof MalformedBatchException) {
                throw e;
            }
            throw new MalformedBatchException(e.toString(), e);
        }
        if (events.size() != count.intValue()) {
            throw new MalformedBatchException(
                    HEADER + " says " + count + " events, the body holds " + events.size(), null);
        }
        return events;
    }

    private static Event read(
            JsonParser json, byte[] bytes, AMQP.BasicProperties outer, Map<String, Object> outerHeaders)
            throws IOException {
        AMQP.BasicProperties.Builder properties = outer.builder();
        Map<String, Object> headers = new LinkedHashMap<>(outerHeaders);
        properties.messageId(null).type(null).correlationId(null);
        byte[] body = null;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
            expect(token, JsonToken.FIELD_NAME, "a field");
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "messageId" -> properties.messageId(json.getValueAsString());
                case "type" -> properties.type(json.getValueAsString());
                case "correlationId" -> properties.correlationId(json.getValueAsString());
                case "timestamp" -> properties.timestamp(new Date(json.getLongValue()));
                case "headers" -> readHeaders(json, value, headers);
                case "body" -> {
                    expect(value, JsonToken.START_OBJECT, "an event body that is a JSON object");
                    int start = (int) json.currentTokenLocation().getByteOffset();
                    json.skipChildren();
                    int end = (int) json.currentLocation().getByteOffset();
                    body = Arrays.copyOfRange(bytes, start, end);
                }
                default -> json.skipChildren(); // a field a later version adds
            }
        }
        if (body == null) {
            throw new MalformedBatchException("an event without a body", null);
        }
        return new Event(properties.headers(headers).build(), body);
    }

    private static void readHeaders(JsonParser json, JsonToken value, Map<String, Object> headers) throws IOException {
        expect(value, JsonToken.START_OBJECT, "headers as an object");
        for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
            String name = json.currentName();
            JsonToken header = json.nextToken();
            switch (header) {
                case VALUE_TRUE, VALUE_FALSE -> headers.put(name, json.getBooleanValue());
                // typed as in version 1: the sequence a long, other numbers an int where they fit
                case VALUE_NUMBER_INT -> {
                    long number = json.getLongValue();
                    boolean asInt = number == (int) number && !MessageHeaders.SEQUENCE.equals(name);
                    headers.put(name, asInt ? (Object) (int) number : (Object) number);
                }
                case VALUE_STRING -> headers.put(name, json.getText());
                case VALUE_NULL -> headers.remove(name);
                default -> json.skipChildren();
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new MalformedBatchException("expected " + what + ", found " + actual, null);
        }
    }
}
