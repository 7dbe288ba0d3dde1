package com.licenceshop.command.licence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a licence key says, as one canonical JSON text (fixed field order, no spaces), so the same claims always give
 * the same bytes and, with Ed25519, the same key. Version 2's licence id is random and names nothing else; version 1
 * keys (order id and line) still verify, with {@code licenceId} null (README, "Licence keys"; ADR 8).
 */
@Serdeable
public record LicenceClaims(
        int version,
        String sku,
        @Nullable String licenceId,
        int seats,
        Instant issuedAt,
        @Nullable Instant expiresAt) {

    static final int VERSION = 2;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,63}");
    private static final Pattern LICENCE_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern CANONICAL = Pattern.compile("\\{\"v\":2,\"sku\":\"([A-Z0-9][A-Z0-9_-]{0,63})\","
            + "\"licenceId\":\"([A-Za-z0-9_-]{22})\",\"seats\":([1-9][0-9]{0,5}),"
            + "\"issuedAt\":\"([0-9TZ:.-]{1,40})\"(?:,\"expiresAt\":\"([0-9TZ:.-]{1,40})\")?}");
    private static final Pattern CANONICAL_V1 = Pattern.compile("\\{\"v\":1,\"sku\":\"([A-Z0-9][A-Z0-9_-]{0,63})\","
            + "\"orderId\":\"([0-9a-f-]{36})\",\"line\":([1-9][0-9]{0,3}),\"seats\":([1-9][0-9]{0,5}),"
            + "\"issuedAt\":\"([0-9TZ:.-]{1,40})\"(?:,\"expiresAt\":\"([0-9TZ:.-]{1,40})\")?}");

    public LicenceClaims {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw new IllegalArgumentException("sku must be upper-case letters, digits, _ or -: " + sku);
        }
        if (version == VERSION
                ? licenceId == null || !LICENCE_ID.matcher(licenceId).matches()
                : version != 1 || licenceId != null) {
            throw new IllegalArgumentException("a version 2 licence has a 22-character licence id, a version 1 none");
        }
        if (issuedAt == null) {
            throw new IllegalArgumentException("issuedAt is required");
        }
        if (seats < 1) {
            throw new IllegalArgumentException("seats must be positive");
        }
    }

    /** The claims of a new licence, with a fresh random licence id. */
    static LicenceClaims issue(String sku, int seats, Instant issuedAt, @Nullable Instant expiresAt) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return new LicenceClaims(
                VERSION, sku, Base64.getUrlEncoder().withoutPadding().encodeToString(id), seats, issuedAt, expiresAt);
    }

    /** The canonical JSON: what is signed and what the key carries. Only version 2 is issued. */
    byte[] encode() {
        if (version != VERSION) {
            throw new IllegalStateException("version 1 keys are no longer issued");
        }
        return canonical(new StringBuilder(160)
                .append("{\"v\":2,\"sku\":\"")
                .append(sku)
                .append("\",\"licenceId\":\"")
                .append(licenceId)
                .append('"'));
    }

    private byte[] canonical(StringBuilder json) {
        json.append(",\"seats\":")
                .append(seats)
                .append(",\"issuedAt\":\"")
                .append(issuedAt)
                .append('"');
        if (expiresAt != null) {
            json.append(",\"expiresAt\":\"").append(expiresAt).append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The claims of canonical JSON, or empty when the bytes are not exactly what the shop writes. */
    static Optional<LicenceClaims> decode(byte[] json) {
        String text = new String(json, StandardCharsets.US_ASCII);
        try {
            Matcher m = CANONICAL.matcher(text);
            if (m.matches()) {
                var claims = new LicenceClaims(
                        VERSION,
                        m.group(1),
                        m.group(2),
                        Integer.parseInt(m.group(3)),
                        Instant.parse(m.group(4)),
                        m.group(5) == null ? null : Instant.parse(m.group(5)));
                return canonicalOnly(claims.encode(), json, claims);
            }
            Matcher v1 = CANONICAL_V1.matcher(text);
            if (v1.matches()) {
                var claims = new LicenceClaims(
                        1,
                        v1.group(1),
                        null,
                        Integer.parseInt(v1.group(4)),
                        Instant.parse(v1.group(5)),
                        v1.group(6) == null ? null : Instant.parse(v1.group(6)));
                byte[] again = claims.canonical(new StringBuilder(160)
                        .append("{\"v\":1,\"sku\":\"")
                        .append(claims.sku)
                        .append("\",\"orderId\":\"")
                        .append(UUID.fromString(v1.group(2)))
                        .append("\",\"line\":")
                        .append(Integer.parseInt(v1.group(3))));
                return canonicalOnly(again, json, claims);
            }
            return Optional.empty();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // a UUID or instant written another way would be a second text for the same claims
    private static Optional<LicenceClaims> canonicalOnly(byte[] again, byte[] json, LicenceClaims claims) {
        return java.util.Arrays.equals(again, json) ? Optional.of(claims) : Optional.empty();
    }
}
