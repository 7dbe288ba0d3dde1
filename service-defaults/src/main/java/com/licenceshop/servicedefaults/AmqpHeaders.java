package com.licenceshop.servicedefaults;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.LongString;
import java.util.HashMap;
import java.util.Map;

/**
 * Reading a message's headers and copying its properties to publish it again with some headers changed: the one
 * way a service moves a message between its queues (retry, park, put back, re-drive).
 */
public final class AmqpHeaders {

    /** The quorum queue's count of this message's redeliveries. */
    public static final String DELIVERY_COUNT = "x-delivery-count";
    /** The broker's record of where the message was dead-lettered from. */
    public static final String DEATH = "x-death";

    private static final int PERSISTENT = 2;

    private AmqpHeaders() {}

    /**
     * The same properties (message id, type, correlation id, timestamp, ...) as a persistent message with the headers
     * in {@code set} put and those in {@code remove} taken away. The broker's {@link #DELIVERY_COUNT} is never copied:
     * it belongs to the old message, not to the one published now. The user id is not copied either: the broker
     * refuses one that is not the publishing connection's user.
     */
    public static AMQP.BasicProperties with(BasicProperties properties, Map<String, ?> set, String... remove) {
        Map<String, Object> headers =
                properties.getHeaders() == null ? new HashMap<>() : new HashMap<>(properties.getHeaders());
        headers.putAll(set);
        for (String name : remove) {
            headers.remove(name);
        }
        headers.remove(DELIVERY_COUNT);
        return new AMQP.BasicProperties.Builder()
                .contentType(properties.getContentType())
                .contentEncoding(properties.getContentEncoding())
                .headers(headers)
                .deliveryMode(PERSISTENT)
                .priority(properties.getPriority())
                .correlationId(properties.getCorrelationId())
                .replyTo(properties.getReplyTo())
                .expiration(properties.getExpiration())
                .messageId(properties.getMessageId())
                .timestamp(properties.getTimestamp())
                .type(properties.getType())
                .appId(properties.getAppId())
                .build();
    }

    /** The header as text, or null when absent. */
    public static String string(BasicProperties properties, String name) {
        Object value = header(properties, name);
        return value == null ? null : value.toString();
    }

    /** The header as a number (a number, or text holding one); 0 when absent or unreadable. */
    public static int integer(BasicProperties properties, String name) {
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

    /** The header as a flag: {@code true} or the text "true"; false when absent. */
    public static boolean flag(BasicProperties properties, String name) {
        Object value = header(properties, name);
        return value instanceof Boolean flag ? flag : value != null && "true".equalsIgnoreCase(value.toString());
    }

    private static Object header(BasicProperties properties, String name) {
        return properties == null || properties.getHeaders() == null
                ? null
                : properties.getHeaders().get(name);
    }
}
