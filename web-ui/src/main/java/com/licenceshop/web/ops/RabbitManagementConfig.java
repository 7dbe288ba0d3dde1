package com.licenceshop.web.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Access to RabbitMQ's management API (queue depths for the ops console; its URL is the
 * {@code rabbitmq-management} HTTP service). The virtual host is taken from the broker URI the consumers use,
 * so the console looks at the queues they really consume.
 */
@ConfigurationProperties("shop.rabbitmq-management")
record RabbitManagementConfig(
        @Nullable String username,
        @Nullable String password,
        @NotBlank String brokerUri) {

    /** Without a login of its own (no guest default) the console shows no queue figures, and says why. */
    static final String NOT_CONFIGURED =
            "queue figures unavailable: RABBITMQ_MANAGEMENT_USER and RABBITMQ_MANAGEMENT_PASSWORD are not set";

    boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isEmpty();
    }

    /** {@code amqp://u:p@host:5672/%2F} → "/", {@code amqp://host/shop} → "shop", no path → "/". */
    String virtualHost() {
        String path = URI.create(brokerUri).getRawPath();
        if (path == null || path.length() <= 1) {
            return "/";
        }
        return URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
    }
}
