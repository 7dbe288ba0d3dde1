package com.licenceshop.servicedefaults;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one check of a signing secret from the environment (JWT_SECRET, CSRF_SECRET): set, long enough, not a
 * published placeholder, not plainly guessable. web-ui refuses to start on a bad one, command-api too (it checks
 * the staff tokens web-ui signs).
 */
public final class Secrets {

    public static final int MINIMUM_LENGTH = 32;   // HS256 needs a key of at least 256 bits
    public static final String HOW_TO_GENERATE = "Generate one with `openssl rand -base64 48` (./shop up does this for you)";
    /** Words of the placeholders in .env.example and the docs, and of secrets people type by hand. */
    private static final List<String> PLACEHOLDER_WORDS = List.of("change-me", "changeme", "change_me", "replace",
            "placeholder", "example", "secret", "password", "default", "random-characters");
    /**
     * By this estimate a random 32-character hex key has about 110 bits and a base64 one about 170; runs of a few
     * characters ("aaaa…", "abababab…") have next to none. Counted from the value's own character frequencies.
     */
    private static final double MINIMUM_BITS = 96;

    private Secrets() {
    }

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
