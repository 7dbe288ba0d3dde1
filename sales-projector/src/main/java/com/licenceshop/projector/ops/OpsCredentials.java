package com.licenceshop.projector.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The ops credential (HTTP Basic) for the projector's ops endpoints, and the one it presents to the command
 * API's event feed. Without a password nothing is accepted: there is no default secret.
 */
@ConfigurationProperties("shop.ops")
public record OpsCredentials(@Nullable String username, @Nullable String password) {

    public boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }

    /** True if the Authorization header carries exactly these credentials (compared in constant time). */
    public boolean accepts(@Nullable String authorization) {
        if (!configured() || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
