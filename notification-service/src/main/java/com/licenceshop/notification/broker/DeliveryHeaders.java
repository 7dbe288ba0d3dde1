package com.licenceshop.notification.broker;

import com.licenceshop.events.MessageHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import java.util.HashMap;
import java.util.Map;

/**
 * The headers this service puts on the messages it moves between its own queues. Those from the published
 * language ({@link MessageHeaders#ATTEMPT}, {@link MessageHeaders#DEAD_LETTER_REASON}) plus two private ones.
 */
public final class DeliveryHeaders {

    /** Set by a re-drive: the message may revive a FAILED mail. */
    public static final String REDRIVEN = "x-shop-redriven";
    /** Which re-drive moved the message last (a UUID per re-drive). */
    public static final String REDRIVE_ID = "x-shop-redrive-id";
    /** How often this message found its mail held by another delivery and waited (int). */
    public static final String DEFERRALS = "x-shop-deferrals";

    private DeliveryHeaders() {}

    public static int intHeader(AMQP.BasicProperties properties, String name) {
        Object value = header(properties, name);
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof LongString || value instanceof String) {
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    public static boolean booleanHeader(AMQP.BasicProperties properties, String name) {
        Object value = header(properties, name);
        return value instanceof Boolean flag ? flag : value != null && "true".equalsIgnoreCase(value.toString());
    }

    public static String stringHeader(AMQP.BasicProperties properties, String name) {
        Object value = header(properties, name);
        return value == null ? null : value.toString();
    }

    /** The same properties (message id, type, persistence, ...) with these headers set; a null value removes one. */
    public static AMQP.BasicProperties withHeaders(AMQP.BasicProperties properties, Map<String, Object> changes) {
        Map<String, Object> headers =
                properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
        changes.forEach((name, value) -> {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
        // the broker's count of redeliveries belongs to the old message, not to the one we publish
        headers.remove("x-delivery-count");
        return properties.builder().headers(headers).deliveryMode(2).build();
    }

    private static Object header(AMQP.BasicProperties properties, String name) {
        return properties == null || properties.getHeaders() == null
                ? null
                : properties.getHeaders().get(name);
    }
}
