package com.licenceshop.web.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** How the live pages push and are capped ({@code shop.live}); each setting: README, "Configuration". */
@ConfigurationProperties("shop.live")
public record LiveConfig(
        @NotNull Duration coalesce,
        @NotNull Duration heartbeat,
        @NotNull Duration reconnectDelay,
        @Min(1) int maxStreamsPerClient,
        @Min(1) int maxStreamsPerOrder,
        @NotNull Duration paymentPoll) {}
