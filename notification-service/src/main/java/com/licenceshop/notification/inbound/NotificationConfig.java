package com.licenceshop.notification.inbound;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * How the notification queue is consumed (the twin of the projector's {@code ProjectorConfig}).
 *
 * @param consumers   queue consumers (channels) per instance; they only receive
 * @param concurrency senders per instance, each over its own pooled SMTP connection
 * @param batchSize   most messages one sender takes at once (one ledger transaction each way)
 * @param shopUrl     the web shop's public address, for the order link in a mail
 */
@ConfigurationProperties("shop.notification")
record NotificationConfig(
        int consumers,
        int concurrency,
        int batchSize,
        @NotBlank String shopUrl) {}
