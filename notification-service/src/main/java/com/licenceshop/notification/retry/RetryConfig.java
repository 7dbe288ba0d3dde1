package com.licenceshop.notification.retry;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;

/** {@code shop.notification.retry.delays} ({@code NOTIFICATION_RETRY_DELAYS}), e.g. {@code 1s,5s,30s,2m,10m}. */
@ConfigurationProperties("shop.notification.retry")
record RetryConfig(@NotEmpty List<Duration> delays) {}
