package com.licenceshop.events;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec for events. The same bytes are stored in the event store, published to the broker and
 * streamed by the ops feed, so every service reads them with this class.
 */
public final class EventCodec {

    private static final Argument<ShopEvent> SHOP_EVENT = Argument.of(ShopEvent.class);

    // Specialised once: a plain readValue finds and specialises the subtype deserializer again for every event,
    // which was a large share of decoding in the consumers and the rebuild (load-tests/README.md).
    private final JsonMapper mapper;

    public EventCodec() {
        this(ObjectMapper.getDefault());
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper.createSpecific(SHOP_EVENT);
    }

    public byte[] encode(ShopEvent event) {
        try {
            return mapper.writeValueAsBytes(SHOP_EVENT, event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event, e);
        }
    }

    public String encodeToString(ShopEvent event) {
        return new String(encode(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * @throws MalformedEventException if the bytes are not an event of a known type with its required fields;
     *                                 a consumer dead-letters such a message instead of retrying it
     */
    public ShopEvent decode(byte[] json) {
        ShopEvent event;
        try {
            event = mapper.readValue(json, SHOP_EVENT);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("not a shop event: " + e.getMessage(), e);
        }
        if (event == null || event.eventId() == null || event.occurredAt() == null) {
            throw new MalformedEventException("event without eventId or occurredAt", null);
        }
        return event;
    }

    /** An event that cannot be read. Retrying will not help. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
