package com.licenceshop.command.licence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a licence key says: the licence (sku), the order and line it was bought on, how many seats, when it was
 * issued (the order's placement time) and, optionally, when it expires. Encoded as one canonical JSON text
 * (fixed field order, no spaces), so the same claims always give the same bytes, and with Ed25519 the same key.
 */
@Serdeable
public record LicenceClaims(String sku, UUID orderId, int line, int seats, Instant issuedAt,
                            @Nullable Instant expiresAt) {

    static final int VERSION = 1;
    private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,63}");
    private static final Pattern CANONICAL = Pattern.compile("\\{\"v\":1,\"sku\":\"([A-Z0-9][A-Z0-9_-]{0,63})\","
            + "\"orderId\":\"([0-9a-f-]{36})\",\"line\":([1-9][0-9]{0,3}),\"seats\":([1-9][0-9]{0,5}),"
            + "\"issuedAt\":\"([0-9TZ:.-]{1,40})\"(?:,\"expiresAt\":\"([0-9TZ:.-]{1,40})\")?}");

    public LicenceClaims {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("sku must be upper-case letters, digits, _ or -: " + sku);
        }
        if (orderId == null || issuedAt == null) {
            throw new IllegalArgumentException("orderId and issuedAt are required");
        }
        if (line < 1 || seats < 1) {
            throw new IllegalArgumentException("line and seats must be positive");
        }
    }

    /** The canonical JSON: what is signed and what the key carries. */
    byte[] encode() {
        StringBuilder json = new StringBuilder(160).append("{\"v\":").append(VERSION)
                .append(",\"sku\":\"").append(sku).append('"')
                .append(",\"orderId\":\"").append(orderId).append('"')
                .append(",\"line\":").append(line)
                .append(",\"seats\":").append(seats)
                .append(",\"issuedAt\":\"").append(issuedAt).append('"');
        if (expiresAt != null) {
            json.append(",\"expiresAt\":\"").append(expiresAt).append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The claims of canonical JSON, or empty when the bytes are not exactly what {@link #encode()} writes. */
    static Optional<LicenceClaims> decode(byte[] json) {
        Matcher m = CANONICAL.matcher(new String(json, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LicenceClaims claims = new LicenceClaims(m.group(1), UUID.fromString(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Instant.parse(m.group(5)),
                    m.group(6) == null ? null : Instant.parse(m.group(6)));
            // a UUID or instant written another way would be a second text for the same claims
            return java.util.Arrays.equals(claims.encode(), json) ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
