package com.licenceshop.notification.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;

/** {@code OPS_USERNAME} / {@code OPS_PASSWORD}. The password has no default: without one, ops get 401. */
@ConfigurationProperties("shop.ops")
record OpsConfiguration(@NotBlank String username, @Nullable String password) {
}
