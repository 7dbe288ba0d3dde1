package com.licenceshop.servicedefaults;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one check of a signing secret from the environment (JWT_SECRET, CSRF_SECRET): set, long enough, not a
 * published placeholder, not plainly guessable. web-ui refuses to start on a bad one, command-api too (it checks
 * the staff tokens web-ui signs). Also the staff token keys (ES256, P-256): {@link #es256PrivateKey} and
 * {@link #es256PublicKey} refuse a placeholder, garbage or a key of another kind at start.
 */
public final class Secrets {

    public static final int MINIMUM_LENGTH = 32; // HS256 needs a key of at least 256 bits
    public static final String HOW_TO_GENERATE =
            "Generate one with `openssl rand -base64 48` (./shop up does this for you)";
    /** Words of the placeholders in .env.example and the docs, and of secrets people type by hand. */
    private static final List<String> PLACEHOLDER_WORDS = List.of(
            "change-me",
            "changeme",
            "change_me",
            "replace",
            "placeholder",
            "example",
            "secret",
            "password",
            "default",
            "random-characters");
    /**
     * By this estimate a random 32-character hex key has about 110 bits and a base64 one about 170; runs of a few
     * characters ("aaaa…", "abababab…") have next to none. Counted from the value's own character frequencies.
     */
    private static final double MINIMUM_BITS = 96;

    private Secrets() {}

    /** What is wrong with the secret, if anything; never the secret itself. */
    public static Optional<String> problem(String variable, String purpose, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(variable + " is not set (it " + purpose + ")");
        }
        if (value.length() < MINIMUM_LENGTH) {
            return Optional.of(variable + " is shorter than " + MINIMUM_LENGTH + " characters");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (PLACEHOLDER_WORDS.stream().anyMatch(lower::contains) || lower.contains("<") || lower.contains("...")) {
            return Optional.of(variable + " is a placeholder, not a secret");
        }
        if (estimatedBits(value) < MINIMUM_BITS || mostlyRuns(value)) {
            return Optional.of(variable + " is too easy to guess (too few different characters, or a keyboard run)");
        }
        return Optional.empty();
    }

    /** How ./shop up makes the staff token key pair (STAFF_TOKEN_SIGNING_KEY and STAFF_TOKEN_PUBLIC_KEY). */
    public static final String HOW_TO_GENERATE_ES256 = "Generate a pair with `openssl genpkey -algorithm EC -pkeyopt "
            + "ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0` (the signing key) and `echo $KEY | base64 -d | "
            + "openssl pkey -inform DER -pubout -outform DER | base64 -w0` (its public key); ./shop up does this for you";

    /**
     * The P-256 private key in {@code value} (PKCS#8, base64, as openssl writes it), or an {@link IllegalArgumentException}
     * saying what is wrong (never the value).
     */
    public static ECPrivateKey es256PrivateKey(String variable, String value) {
        byte[] der = der(variable, value, "a base64 PKCS#8 P-256 private key");
        try {
            return p256(variable, (ECPrivateKey)
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(variable + " is not a base64 PKCS#8 P-256 private key");
        }
    }

    /** The P-256 public key in {@code value} (X.509 SubjectPublicKeyInfo, base64), or an {@link IllegalArgumentException}. */
    public static ECPublicKey es256PublicKey(String variable, String value) {
        byte[] der = der(variable, value, "a base64 X.509 P-256 public key");
        try {
            return p256(
                    variable, (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException(variable + " is not a base64 X.509 P-256 public key");
        }
    }

    private static byte[] der(String variable, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " is not set (" + what + ")");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (PLACEHOLDER_WORDS.stream().anyMatch(lower::contains) || lower.contains("<") || lower.contains("...")) {
            throw new IllegalArgumentException(variable + " is a placeholder, not " + what);
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not " + what + " (not base64)");
        }
    }

    /** ES256 is ECDSA on P-256 only: a key on another curve would sign tokens nobody here accepts. */
    private static <K extends ECKey> K p256(String variable, K key) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException(
                    variable + " is an EC key on another curve than P-256 (ES256 needs P-256)");
        }
        return key;
    }

    /** "abcdef…", "123456…", "zyxw…": most neighbours one code point apart. */
    static boolean mostlyRuns(String value) {
        int[] c = value.codePoints().toArray();
        int steps = 0;
        for (int i = 1; i < c.length; i++) {
            if (Math.abs(c[i] - c[i - 1]) == 1) {
                steps++;
            }
        }
        return steps * 2 > c.length;
    }

    /** Length times the Shannon entropy of the value's own character distribution: a rough upper bound. */
    static double estimatedBits(String value) {
        Map<Integer, Integer> counts = new HashMap<>();
        value.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int length = value.codePointCount(0, value.length());
        double perCharacter = 0;
        for (int count : counts.values()) {
            double p = (double) count / length;
            perCharacter -= p * (Math.log(p) / Math.log(2));
        }
        return perCharacter * length;
    }
}
