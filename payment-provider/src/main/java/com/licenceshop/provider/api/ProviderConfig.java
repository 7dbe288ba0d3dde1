package com.licenceshop.provider.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;

/**
 * What the provider is told at start (README's table): its secret API key, where the hosted checkout page is
 * reached, the shop's webhook endpoint and its signing secret, the retry schedule, the API version it stamps.
 */
@ConfigurationProperties("provider")
public record ProviderConfig(
        @NotBlank String secretKey,
        @NotBlank String publicUrl,
        @Nullable String webhookUrl,
        @Nullable String webhookSecret,

        @Bindable(defaultValue = "*") List<String> webhookEvents,

        @Bindable(defaultValue = "1s,2s,4s,8s,16s,32s,60s,120s")
        List<Duration> webhookRetryDelays,

        @Bindable(defaultValue = "10s") Duration webhookTimeout,
        @Bindable(defaultValue = "30m") Duration minimumSessionLifetime,
        @Bindable(defaultValue = "2025-11-17.clover") String apiVersion) {}
