package com.licenceshop.command.licence;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text form of a key: {@code <keyId>.<base64url(claims)>.<base64url(signature)>}, no padding. The signature
 * covers {@code <keyId>.<base64url(claims)>}, so neither the key id nor the claims can be swapped. Plain Java.
 */
record LicenceKeyText(String keyId, String encodedClaims, byte[] claims, byte[] signature) {

    /** Far above a real key (~250 characters); anything longer is refused before decoding. */
    static final int MAX_LENGTH = 1024;

    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int SIGNATURE_BYTES = 64;

    /** Why a text is not a licence key. */
    static final class MalformedKeyException extends Exception {
        MalformedKeyException(String message) {
            super(message, null, false, false);
        }
    }

    static String signingInput(String keyId, String encodedClaims) {
        return keyId + "." + encodedClaims;
    }

    byte[] signingInputBytes() {
        return signingInput(keyId, encodedClaims).getBytes(StandardCharsets.US_ASCII);
    }

    static LicenceKeyText parse(String text) throws MalformedKeyException {
        if (text == null || text.isBlank()) {
            throw new MalformedKeyException("the key is empty");
        }
        String key = text.strip();
        if (key.length() > MAX_LENGTH) {
            throw new MalformedKeyException("the key is longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = key.split("\\.", -1);
        if (parts.length != 3) {
            throw new MalformedKeyException("a key has three parts separated by '.'");
        }
        if (!KEY_ID.matcher(parts[0]).matches()) {
            throw new MalformedKeyException("the key id is malformed");
        }
        byte[] claims = decode(parts[1], "claims");
        byte[] signature = decode(parts[2], "signature");
        if (signature.length != SIGNATURE_BYTES) {
            throw new MalformedKeyException("the signature is not " + SIGNATURE_BYTES + " bytes");
        }
        return new LicenceKeyText(parts[0], parts[1], claims, signature);
    }

    private static byte[] decode(String part, String what) throws MalformedKeyException {
        if (!BASE64URL.matcher(part).matches()) {
            throw new MalformedKeyException("the " + what + " part is not base64url");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new MalformedKeyException("the " + what + " part is not base64url");
        }
        // the decoder ignores the unused low bits of the last character: only one text per key is accepted
        if (!base64url(bytes).equals(part)) {
            throw new MalformedKeyException("the " + what + " part is not canonical base64url");
        }
        return bytes;
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
