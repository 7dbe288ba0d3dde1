package com.licenceshop.command.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * @param retention       how long a key is remembered; clients may retry for at least this long
 * @param cleanupInterval how often keys older than {@code retention} are deleted
 */
@ConfigurationProperties("shop.idempotency")
public record IdempotencyConfig(
        @NotNull Duration retention, @NotNull Duration cleanupInterval) {

    /** Clients are promised a day to retry. */
    public static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    public IdempotencyConfig {
        if (retention != null && retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException(
                    "shop.idempotency.retention must be at least " + MINIMUM_RETENTION + " but was " + retention);
        }
    }
}
