package com.licenceshop.notification.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The pool of open SMTP connections ({@code SMTP_POOL_SIZE}, {@code SMTP_IDLE_TIMEOUT},
 * {@code SMTP_MAX_MAILS_PER_CONNECTION}). A size of 0 (the default) means the sending concurrency: one connection per
 * sender, none waiting for another.
 */
@ConfigurationProperties("shop.smtp.pool")
record SmtpPoolConfig(
        @Min(0) int size,
        @NotNull Duration idleTimeout,
        @Min(1) int maxMailsPerConnection) {}
