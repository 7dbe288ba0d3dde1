package com.licenceshop.command.licence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * Signs claims with the shop's current key. Ed25519 is deterministic (RFC 8032): the same claims and key give the
 * same key text every time, so a recomputation never yields a second, different key. Thread-safe (a signer per
 * call; the key parameters are immutable). Plain Java.
 *
 * <p>BouncyCastle's Ed25519, not the JDK's: signing runs inside the order's group-commit batch, and the JDK 17
 * provider takes ~670 us a signature on these machines against ~40 us (ADR 7). The signatures are the same bytes, and
 * everything that verifies (LicenceVerifier, a customer's program) uses the JDK.
 */
public final class LicenceSigner {

    private final SigningKeys keys;
    private final Ed25519PrivateKeyParameters privateKey;

    public LicenceSigner(SigningKeys keys) {
        this.keys = keys;
        try {
            this.privateKey = (Ed25519PrivateKeyParameters)
                    PrivateKeyFactory.createKey(keys.privateKey().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("the licence signing key is not an Ed25519 PKCS#8 key", e);
        }
    }

    public String keyId() {
        return keys.keyId();
    }

    public String sign(LicenceClaims claims) {
        String signingInput = LicenceKeyText.signingInput(keys.keyId(), LicenceKeyText.base64url(claims.encode()));
        byte[] message = signingInput.getBytes(StandardCharsets.US_ASCII);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signingInput + "." + LicenceKeyText.base64url(signer.generateSignature());
    }
}
