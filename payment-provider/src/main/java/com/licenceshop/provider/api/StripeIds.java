package com.licenceshop.provider.api;

import java.security.SecureRandom;

/** Ids shaped like Stripe's test-mode ids ({@code cs_test_…}, {@code pi_…}, {@code evt_…}): prefix, then random base62. */
public final class StripeIds {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StripeIds() {}

    public static String next(String prefix) {
        return prefix + random(24);
    }

    public static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
