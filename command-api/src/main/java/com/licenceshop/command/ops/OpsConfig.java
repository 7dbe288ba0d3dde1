package com.licenceshop.command.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;

/**
 * The ops credential (HTTP Basic). There is deliberately no default password: while it is blank every ops
 * endpoint answers 401.
 */
@ConfigurationProperties("shop.ops")
public record OpsConfig(@NotBlank String username, @Nullable String password) {

    boolean enabled() {
        return password != null && !password.isBlank();
    }
}
