package com.licenceshop.testsupport;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A fresh P-256 key pair for the staff tokens (ES256), as ./shop up generates one: web-ui signs with the private key
 * (STAFF_TOKEN_SIGNING_KEY), command-api verifies with the public one (STAFF_TOKEN_PUBLIC_KEY).
 */
public record StaffTokenKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {

    public static StaffTokenKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new StaffTokenKeys((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is not available", e);
        }
    }

    /** PKCS#8 in base64: the form of STAFF_TOKEN_SIGNING_KEY. */
    public String signingKey() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo in base64: the form of STAFF_TOKEN_PUBLIC_KEY. */
    public String publicKeyText() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
