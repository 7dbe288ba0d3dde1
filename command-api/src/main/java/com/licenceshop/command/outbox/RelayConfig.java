package com.licenceshop.command.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * @param enabled        run a relay in this process (one per database is active at a time anyway)
 * @param pollInterval   longest wait between two looks at the outbox when no NOTIFY arrives; also how often a
 *                       standby replica tries to become the active one
 * @param batchSize      rows published per confirm round
 * @param confirmTimeout how long to wait for the broker's confirms of a batch
 * @param initialBackoff wait after the first failed publish; doubles per failure
 * @param maxBackoff     longest wait between attempts while the broker is away
 */
@ConfigurationProperties("shop.relay")
public record RelayConfig(
        boolean enabled,
        @NotNull Duration pollInterval,
        @Min(1) @Max(10_000) int batchSize,
        @NotNull Duration confirmTimeout,
        @NotNull Duration initialBackoff,
        @NotNull Duration maxBackoff) {}
