package com.licenceshop.web.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;

/**
 * The credential the web UI presents to the ops endpoints of the other services (HTTP Basic, docs/contracts.md).
 * There is no default password: without {@code OPS_PASSWORD} those calls go out without credentials and are
 * refused, and the pages say why.
 */
@ConfigurationProperties("shop.ops")
public record OpsCredential(@NotBlank String username, @Nullable String password) {

    public boolean configured() {
        return password != null && !password.isBlank();
    }
}
