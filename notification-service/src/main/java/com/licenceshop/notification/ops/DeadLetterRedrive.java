package com.licenceshop.notification.ops;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.notification.broker.DeliveryHeaders;
import com.licenceshop.servicedefaults.DeadLetterQueue;
import com.rabbitmq.client.GetResponse;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Moves parked messages back to the work queue, marked as re-driven (so a FAILED mail may be tried again) and with
 * a fresh retry schedule; {@link DeadLetterQueue#redrive} acknowledges each only after the work queue confirmed it.
 */
@Singleton
class DeadLetterRedrive {

    private final DeadLetterQueue deadLetters;
    private final EventCodec codec;

    DeadLetterRedrive(DeadLetterQueue deadLetters, EventCodec codec) {
        this.deadLetters = deadLetters;
        this.codec = codec;
    }

    /** @param eventId only this event's messages, or all when null; returns how many messages moved */
    int redrive(@Nullable UUID eventId) throws IOException {
        Map<String, Object> freshStart = new HashMap<>();
        freshStart.put(DeliveryHeaders.REDRIVEN, true);
        freshStart.put(MessageHeaders.ATTEMPT, null);
        freshStart.put(DeliveryHeaders.DEFERRALS, null);
        return deadLetters.redrive(
                message -> eventId == null || eventId.toString().equals(eventIdOf(message)), freshStart);
    }

    private String eventIdOf(GetResponse message) {
        String messageId = message.getProps().getMessageId();
        if (messageId != null) {
            return messageId;
        }
        try {
            return codec.decode(message.getBody()).eventId().toString();
        } catch (EventCodec.MalformedEventException unreadable) {
            return null;
        }
    }
}
