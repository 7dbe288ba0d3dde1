package com.licenceshop.command.licence;

import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.Signature;

/**
 * Signs claims with the shop's current key. Ed25519 is deterministic (RFC 8032): the same claims and key give the
 * same key text every time, so a recomputation never yields a second, different key. Thread-safe (a Signature per
 * call). Plain Java.
 */
public final class LicenceSigner {

    private final SigningKeys keys;

    public LicenceSigner(SigningKeys keys) {
        this.keys = keys;
    }

    public String keyId() {
        return keys.keyId();
    }

    public String sign(LicenceClaims claims) {
        String signingInput = LicenceKeyText.signingInput(keys.keyId(), LicenceKeyText.base64url(claims.encode()));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + LicenceKeyText.base64url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a licence", e);
        }
    }
}
