package com.licenceshop.command.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The fingerprint of a command for idempotency: a SHA-256 over its meaning (not its bytes), so a retry whose
 * JSON differs only in whitespace or property order is the same request. Pure.
 */
public final class RequestFingerprint {

    public static final int MAX_KEY_LENGTH = 255;
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

    private RequestFingerprint() {}

    /** Hashes the parts in order, each length-prefixed so that no two different lists collide by concatenation. */
    public static String of(List<String> parts) {
        StringBuilder canonical = new StringBuilder();
        for (String part : parts) {
            String value = part == null ? "" : part;
            canonical.append(value.length()).append(':').append(value).append(';');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An Idempotency-Key is 1 to 255 visible ASCII characters (a UUID is typical). */
    public static boolean isValidKey(String key) {
        return key != null
                && key.length() <= MAX_KEY_LENGTH
                && VISIBLE_ASCII.matcher(key).matches();
    }
}
