package com.licenceshop.command.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The relay's settings ({@code shop.relay}); each: README, "Configuration". */
@ConfigurationProperties("shop.relay")
public record RelayConfig(
        boolean enabled,
        @NotNull Duration pollInterval,
        @Min(1) @Max(10_000) int batchSize,
        @NotNull Duration confirmTimeout,
        @NotNull Duration initialBackoff,
        @NotNull Duration maxBackoff) {}
