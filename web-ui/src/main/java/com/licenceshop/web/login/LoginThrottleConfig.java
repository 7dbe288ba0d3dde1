package com.licenceshop.web.login;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * @param failuresBeforeLockout failed logins (one user name, one address) that start the first lockout
 * @param firstLockout          the first lockout; each further failure doubles it
 * @param maxLockout            the longest lockout
 */
@ConfigurationProperties("shop.login.throttle")
record LoginThrottleConfig(
        @Min(1) int failuresBeforeLockout,
        @NotNull Duration firstLockout,
        @NotNull Duration maxLockout) {

    LoginThrottleConfig {
        if (firstLockout != null && maxLockout != null && maxLockout.compareTo(firstLockout) < 0) {
            throw new IllegalArgumentException(
                    "shop.login.throttle.max-lockout must not be shorter than first-lockout");
        }
    }
}
