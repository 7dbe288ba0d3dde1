package com.licenceshop.command.order;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The order access token: 256 random bits, the buyer's proof for reading and cancelling an order. Only the
 * placing request's answer and the confirmation mail carry it, never a licence key (ADR 0007). Plain Java.
 */
final class OrderAccess {

    /** The request header that carries it. */
    static final String HEADER = "Order-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderAccess() {}

    static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** In constant time for tokens of the same length; never for an order without a token. */
    static boolean matches(@Nullable String stored, @Nullable String presented) {
        return stored != null
                && presented != null
                && MessageDigest.isEqual(
                        stored.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
