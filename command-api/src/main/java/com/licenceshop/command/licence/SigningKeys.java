package com.licenceshop.command.licence;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shop's Ed25519 keys: the one private key it signs with (PKCS#8, base64) under its key id, and the public
 * keys it verifies with: the signing key's own plus older ones kept after a rotation (X.509 SubjectPublicKeyInfo,
 * base64, as {@code id=key,id=key}). Refuses a missing, placeholder or malformed key with the reason. Plain Java.
 */
public final class SigningKeys {

    private final String keyId;
    private final PrivateKey privateKey;
    private final Map<String, PublicKey> verifyKeys;

    private SigningKeys(String keyId, PrivateKey privateKey, Map<String, PublicKey> verifyKeys) {
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.verifyKeys = Collections.unmodifiableMap(verifyKeys);
    }

    /**
     * @param signingKey  LICENCE_SIGNING_KEY: PKCS#8 of an Ed25519 private key, base64
     * @param keyId       LICENCE_SIGNING_KEY_ID
     * @param olderKeys   LICENCE_VERIFY_KEYS: {@code id=base64(X.509),…} of keys retired from signing; may be blank
     * @throws IllegalArgumentException naming what is wrong (never the key itself)
     */
    public static SigningKeys of(String signingKey, String keyId, String olderKeys) {
        List<String> problems = new ArrayList<>();
        if (keyId == null || !LicenceKeyText.KEY_ID.matcher(keyId).matches()) {
            problems.add("LICENCE_SIGNING_KEY_ID must be 1 to 32 letters, digits, _ or -");
        }
        PrivateKey privateKey = null;
        if (signingKey == null || signingKey.isBlank()) {
            problems.add(
                    "LICENCE_SIGNING_KEY is not set (PKCS#8 Ed25519 private key, base64; ./shop up generates one)");
        } else if (isPlaceholder(signingKey)) {
            problems.add("LICENCE_SIGNING_KEY is a placeholder; generate a key: "
                    + "openssl genpkey -algorithm ed25519 -outform DER | base64 -w0");
        } else {
            try {
                privateKey = KeyFactory.getInstance("Ed25519")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(signingKey.strip())));
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                problems.add("LICENCE_SIGNING_KEY is not a base64 PKCS#8 Ed25519 private key");
            }
        }
        Map<String, PublicKey> verify = new LinkedHashMap<>();
        if (privateKey != null && problems.isEmpty()) {
            verify.put(keyId, publicKeyOf(privateKey));
        }
        if (olderKeys != null && !olderKeys.isBlank()) {
            for (String entry : olderKeys.split(",")) {
                String[] idAndKey = entry.strip().split("=", 2);
                if (idAndKey.length != 2
                        || !LicenceKeyText.KEY_ID.matcher(idAndKey[0].strip()).matches()) {
                    problems.add("LICENCE_VERIFY_KEYS must be id=base64(X.509 public key),…");
                    continue;
                }
                String id = idAndKey[0].strip();
                if (verify.containsKey(id)) {
                    problems.add("LICENCE_VERIFY_KEYS names key id " + id + " twice (or the signing key's id)");
                    continue;
                }
                try {
                    verify.put(id, publicKey(idAndKey[1].strip()));
                } catch (IllegalArgumentException e) {
                    problems.add("LICENCE_VERIFY_KEYS: key " + id + " is not a base64 X.509 Ed25519 public key");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new SigningKeys(keyId, privateKey, verify);
    }

    static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(
                            new X509EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /**
     * The JDK 17 has no call that derives an EdDSA public key from the private one, but its key pair generator
     * takes the private key's 32 bytes from the random source: handing it exactly those bytes re-derives the pair.
     */
    static PublicKey publicKeyOf(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey)
                .getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the private key hides its bytes"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            KeyPair pair = generator.generateKeyPair();
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private static boolean isPlaceholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.contains("change-me")
                || lower.contains("changeme")
                || lower.contains("placeholder")
                || lower.contains("example");
    }

    public String keyId() {
        return keyId;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** Key id → public key: the signing key first, then the older ones. */
    public Map<String, PublicKey> verifyKeys() {
        return verifyKeys;
    }

    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
