package com.licenceshop.command.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.testsupport.LicenceSigningKeys;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LicenceKeysTest {

    private static final Instant ISSUED = Instant.parse("2026-12-02T01:00:00.123Z");
    private static final UUID ORDER = UUID.fromString("0b8f7a52-4c1d-4f3e-9a57-3d2f1c0e9b11");

    private final KeyPair pair = LicenceSigningKeys.newPair();
    private final SigningKeys keys = SigningKeys.of(LicenceSigningKeys.privateKey(pair), "k1", "");
    private final LicenceSigner signer = new LicenceSigner(keys);
    private final LicenceVerifier verifier = new LicenceVerifier(keys.verifyKeys());
    private final LicenceClaims claims = LicenceClaims.issue("PROFESSIONAL", 3, ISSUED, null);

    @Test
    void theSignatureMatchesTheJdksOwnEd25519() throws Exception {
        String key = signer.sign(claims);
        String signingInput = key.substring(0, key.lastIndexOf('.'));

        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(key).isEqualTo(signingInput + "." + LicenceKeyText.base64url(jdk.sign()));
    }

    @Test
    void aSignedKeyVerifiesAndCarriesItsClaims() {
        String key = signer.sign(claims);

        assertThat(key).startsWith("k1.").matches("[A-Za-z0-9_.-]+");
        assertThat(verifier.verify(key)).isEqualTo(new LicenceVerifier.Genuine("k1", claims));
    }

    @Test
    void signingTheSameClaimsAgainGivesTheSameKey() {
        assertThat(signer.sign(claims)).isEqualTo(signer.sign(claims));
        assertThat(new LicenceSigner(SigningKeys.of(LicenceSigningKeys.privateKey(pair), "k1", "")).sign(claims))
                .isEqualTo(signer.sign(claims));
    }

    @Test
    void claimsAreCanonicalJsonWithARandomIdAndAnOptionalExpiry() {
        assertThat(new String(claims.encode()))
                .isEqualTo("{\"v\":2,\"sku\":\"PROFESSIONAL\",\"licenceId\":\"" + claims.licenceId()
                        + "\",\"seats\":3,\"issuedAt\":\"2026-12-02T01:00:00.123Z\"}");
        assertThat(claims.licenceId())
                .matches("[A-Za-z0-9_-]{22}")
                .isNotEqualTo(
                        LicenceClaims.issue("PROFESSIONAL", 3, ISSUED, null).licenceId());
        var expiring = LicenceClaims.issue("STARTER", 1, ISSUED, ISSUED.plusSeconds(86_400));
        assertThat(LicenceClaims.decode(expiring.encode())).contains(expiring);
    }

    @Test
    void aVersionOneKeyStillVerifiesAndItsClaimsNameNoOrder() throws Exception {
        String v1 = "{\"v\":1,\"sku\":\"PROFESSIONAL\",\"orderId\":\"" + ORDER
                + "\",\"line\":1,\"seats\":3,\"issuedAt\":\"2026-12-02T01:00:00.123Z\"}";
        String signingInput = "k1." + LicenceKeyText.base64url(v1.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(verifier.verify(signingInput + "." + LicenceKeyText.base64url(jdk.sign())))
                .isEqualTo(
                        new LicenceVerifier.Genuine("k1", new LicenceClaims(1, "PROFESSIONAL", null, 3, ISSUED, null)));
    }

    @Test
    void aKeyWithOneCharacterChangedIsForgedOrMalformedNeverGenuine() {
        String key = signer.sign(claims);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            String changed = key.substring(0, i) + (c == 'A' ? 'B' : 'A') + key.substring(i + 1);
            assertThat(verifier.verify(changed)).as("changed at " + i).isNotInstanceOf(LicenceVerifier.Genuine.class);
        }
    }

    @Test
    void claimsSwappedBetweenTwoKeysAreForged() {
        String three = signer.sign(claims);
        String hundred = signer.sign(new LicenceClaims(2, "PROFESSIONAL", claims.licenceId(), 100, ISSUED, null));
        String[] a = three.split("\\.");
        String[] b = hundred.split("\\.");

        assertThat(verifier.verify(a[0] + "." + b[1] + "." + a[2])).isInstanceOf(LicenceVerifier.Forged.class);
    }

    @Test
    void anotherKeyPairsSignatureIsForgedEvenUnderOurKeyId() {
        var other = new LicenceSigner(
                SigningKeys.of(LicenceSigningKeys.privateKey(LicenceSigningKeys.newPair()), "k1", ""));

        assertThat(verifier.verify(other.sign(claims))).isInstanceOf(LicenceVerifier.Forged.class);
    }

    @Test
    void anUnknownKeyIdIsForged() {
        var other = new LicenceSigner(SigningKeys.of(LicenceSigningKeys.privateKey(pair), "k2", ""));

        assertThat(verifier.verify(other.sign(claims)))
                .isEqualTo(new LicenceVerifier.Forged("no key of this shop has the id k2"));
    }

    @Test
    void textThatIsNoKeyIsMalformedWithTheReason() {
        assertThat(verifier.verify("")).isEqualTo(new LicenceVerifier.Malformed("the key is empty"));
        assertThat(verifier.verify(null)).isInstanceOf(LicenceVerifier.Malformed.class);
        assertThat(verifier.verify("x".repeat(5000)))
                .isEqualTo(new LicenceVerifier.Malformed("the key is longer than 1024 characters"));
        assertThat(verifier.verify("k1.abc"))
                .isEqualTo(new LicenceVerifier.Malformed("a key has three parts separated by '.'"));
        assertThat(verifier.verify("k1.ab+c.def"))
                .isEqualTo(new LicenceVerifier.Malformed("the claims part is not base64url"));
        assertThat(verifier.verify("k1.abcd.abcd"))
                .isEqualTo(new LicenceVerifier.Malformed("the signature is not 64 bytes"));
        assertThat(verifier.verify("k1.abcd.abd"))
                .isEqualTo(new LicenceVerifier.Malformed("the signature part is not canonical base64url"));
        assertThat(verifier.verify("k 1.abc.def")).isEqualTo(new LicenceVerifier.Malformed("the key id is malformed"));
    }

    @Test
    void aKeyFromBeforeARotationVerifiesWithTheOldPublicKey() {
        String before = signer.sign(claims);
        KeyPair next = LicenceSigningKeys.newPair();
        var rotated =
                SigningKeys.of(LicenceSigningKeys.privateKey(next), "k2", "k1=" + LicenceSigningKeys.publicKey(pair));
        var rotatedVerifier = new LicenceVerifier(rotated.verifyKeys());

        assertThat(rotated.verifyKeys().keySet()).containsExactly("k2", "k1");
        assertThat(rotatedVerifier.verify(before)).isEqualTo(new LicenceVerifier.Genuine("k1", claims));
        assertThat(rotatedVerifier.verify(new LicenceSigner(rotated).sign(claims)))
                .isEqualTo(new LicenceVerifier.Genuine("k2", claims));
    }

    @Test
    void thePublicKeyIsDerivedFromThePrivateKeyAlone() {
        assertThat(keys.verifyKeys()).isEqualTo(Map.of("k1", pair.getPublic()));
    }

    @Test
    void aMissingPlaceholderOrMalformedSigningKeyIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SigningKeys.of("", "k1", "")).hasMessageContaining("LICENCE_SIGNING_KEY is not set");
        assertThatThrownBy(() -> SigningKeys.of("change-me-to-a-generated-key", "k1", ""))
                .hasMessageContaining("LICENCE_SIGNING_KEY is a placeholder");
        assertThatThrownBy(() -> SigningKeys.of("bm90IGEga2V5", "k1", ""))
                .hasMessageContaining("not a base64 PKCS#8 Ed25519 private key");
        assertThatThrownBy(() -> SigningKeys.of(LicenceSigningKeys.privateKey(pair), "", ""))
                .hasMessageContaining("LICENCE_SIGNING_KEY_ID");
        assertThatThrownBy(() -> SigningKeys.of(LicenceSigningKeys.privateKey(pair), "k1", "k0=bm9wZQ"))
                .hasMessageContaining("key k0 is not a base64 X.509 Ed25519 public key");
    }
}
