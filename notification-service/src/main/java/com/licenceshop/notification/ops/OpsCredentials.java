package com.licenceshop.notification.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Checks an HTTP Basic {@code Authorization} header against the one ops login. Plain Java. */
final class OpsCredentials {

    private final byte[] expected;

    /** @param password null or blank: no header is ever accepted */
    OpsCredentials(String username, String password) {
        this.expected = password == null || password.isBlank() ? null
                : (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    boolean accept(String authorization) {
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // constant time: how much of a guess matched must not show in how long the answer takes
        return MessageDigest.isEqual(given, expected);
    }
}
