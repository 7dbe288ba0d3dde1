package com.licenceshop.command.licence;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;

/** Checks a key's signature against the shop's public keys, by key id. Says nothing of revocation. Plain Java. */
public final class LicenceVerifier {

    public sealed interface Verdict permits Malformed, Forged, Genuine {}

    /** Not a licence key at all (empty, too long, wrong structure, not base64). */
    public record Malformed(String reason) implements Verdict {}

    /** Shaped like a key, but no key of the shop signed it (unknown key id, changed claims, foreign signature). */
    public record Forged(String reason) implements Verdict {}

    public record Genuine(String keyId, LicenceClaims claims) implements Verdict {}

    private final Map<String, PublicKey> keys;

    public LicenceVerifier(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    public Verdict verify(String text) {
        LicenceKeyText key;
        try {
            key = LicenceKeyText.parse(text);
        } catch (LicenceKeyText.MalformedKeyException e) {
            return new Malformed(e.getMessage());
        }
        PublicKey publicKey = keys.get(key.keyId());
        if (publicKey == null) {
            return new Forged("no key of this shop has the id " + key.keyId());
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(key.signingInputBytes());
            if (!signature.verify(key.signature())) {
                return new Forged("the signature does not match the claims");
            }
        } catch (GeneralSecurityException e) {
            return new Forged("the signature does not match the claims");
        }
        // signed by us, so canonical; a failure here would be a key we never wrote
        return LicenceClaims.decode(key.claims())
                .<Verdict>map(claims -> new Genuine(key.keyId(), claims))
                .orElseGet(() -> new Malformed("the claims are not a licence's"));
    }
}
