package com.licenceshop.testsupport;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** A fresh Ed25519 signing key for command-api, as ./shop up generates one: never a key from the repository. */
public final class LicenceSigningKeys {

    private LicenceSigningKeys() {}

    public static KeyPair newPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** PKCS#8 in base64: the form of LICENCE_SIGNING_KEY. */
    public static String privateKey(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo in base64: the form of LICENCE_VERIFY_KEYS and GET /api/licences/public-key. */
    public static String publicKey(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public static String newKeyId() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** LICENCE_SIGNING_KEY and LICENCE_SIGNING_KEY_ID of a fresh pair. */
    public static Map<String, String> environment() {
        return Map.of("LICENCE_SIGNING_KEY", privateKey(newPair()), "LICENCE_SIGNING_KEY_ID", newKeyId());
    }

    /** The same as Micronaut properties of command-api. */
    public static Map<String, String> micronautProperties() {
        return Map.of("shop.licences.signing-key", privateKey(newPair()), "shop.licences.signing-key-id", newKeyId());
    }
}
