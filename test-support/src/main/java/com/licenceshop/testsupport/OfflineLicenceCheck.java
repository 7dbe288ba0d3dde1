package com.licenceshop.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * What a customer's program does to check a licence key offline, with only the JDK and the shop's public key
 * (the README's snippet, word for word apart from this comment). No shop class, no JSON library.
 */
public final class OfflineLicenceCheck {

    private OfflineLicenceCheck() {
    }

    /** @return the key's claims (JSON) if the shop's key {@code publicKeyBase64} signed it, else null */
    public static String verifiedClaims(String licenceKey, String keyId, String publicKeyBase64) throws Exception {
        String[] parts = licenceKey.trim().split("\\.");
        if (parts.length != 3 || !parts[0].equals(keyId)) {
            return null;
        }
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey);
        ed25519.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!ed25519.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            return null;
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}
