package com.licenceshop.web.login;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK, so no crypto library. The format {@code pbkdf2-sha256.<iterations>.<salt>.<hash>}
 * has no {@code $}, {@code :} or {@code ,}, so a hash stands in {@code STAFF_USERS} in a shell or an env file
 * unquoted; the iteration count is in the hash, so it can be raised without invalidating older hashes.
 */
public final class PasswordHashing {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PasswordHashing() {}

    public static String hash(String password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(String password, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "." + iterations + "." + ENCODER.encodeToString(salt) + "."
                + ENCODER.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** Whether the string has the shape of a hash this class makes (not whether any password matches it). */
    public static boolean isWellFormed(String hash) {
        try {
            parse(hash);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean matches(String password, String hash) {
        Parsed parsed = parse(hash);
        byte[] actual = pbkdf2(password, parsed.salt(), parsed.iterations());
        // constant time: the comparison must not tell how many leading bytes were right
        return MessageDigest.isEqual(actual, parsed.hash());
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Parsed parse(String hash) {
        String[] parts = hash == null ? new String[0] : hash.split("\\.");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException(
                    "not a " + SCHEME + " hash (expected " + SCHEME + ".<iterations>.<salt>.<hash>)");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = DECODER.decode(parts[2]);
            byte[] digest = DECODER.decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || digest.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("malformed " + SCHEME + " hash");
            }
            return new Parsed(iterations, salt, digest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " hash", e);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
