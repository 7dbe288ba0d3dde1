package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The one ops login ({@code OPS_USERNAME} / {@code OPS_PASSWORD}, HTTP Basic): what a service checks on its ops
 * endpoints, and what a caller (web-ui, the projector's feed client) presents. There is deliberately no default
 * password: without one nothing is accepted and nothing is sent.
 */
@ConfigurationProperties("shop.ops")
public record OpsCredentials(@Nullable String username, @Nullable String password) {

    public boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }

    /** True if the Authorization header carries exactly this login (compared in constant time). */
    public boolean accept(@Nullable String authorization) {
        if (!configured() || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // constant time: how much of a guess matched must not show in how long the answer takes
        return MessageDigest.isEqual(given, (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
