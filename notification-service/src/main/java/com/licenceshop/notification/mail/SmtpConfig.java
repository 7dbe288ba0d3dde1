package com.licenceshop.notification.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The mail server ({@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USER}, {@code SMTP_PASSWORD},
 * {@code SMTP_STARTTLS}) and the sender ({@code MAIL_FROM}). Without a user the server is used unauthenticated.
 */
@ConfigurationProperties("shop.smtp")
record SmtpConfig(
        @NotBlank String host,
        @Min(1) @Max(65535) int port,
        @Nullable String username,
        @Nullable String password,
        boolean starttls,
        @NotBlank String from,
        @NotNull Duration timeout) {

    boolean authenticated() {
        return username != null && !username.isBlank();
    }
}
