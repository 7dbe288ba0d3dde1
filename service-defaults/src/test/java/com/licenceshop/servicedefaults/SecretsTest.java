package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    private static final String GOOD = "Vq3m9Zr7Lk2XwT8pQe5Yh1NbC4uJd6SfGa0RxM+/oKiE";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "change-me-to-at-least-32-random-characters",
                "my-super-secret-key-for-the-web-ui-1",
                "<paste the output of openssl rand -base64 48>",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "abababababababababababababababababababab",
                "abcdefghijklmnopqrstuvwxyz0123456789",
                "11112222333344441111222233334444"
            })
    void placeholdersAndObviouslyWeakSecretsAreRefused(String weak) {
        assertThat(Secrets.problem("JWT_SECRET", "signs", weak)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {GOOD, "d41d8cd98f00b204e9800998ecf8427e", "3f9a1c07be54d2e86a0b7c1d9e2f4a6b8c0d1e3f5a7b9c2d"})
    void randomSecretsAsOpensslOrShopUpMakeThemPass(String random) {
        assertThat(Secrets.problem("JWT_SECRET", "signs", random)).isEmpty();
        String testShopStyle = "jwt-" + UUID.randomUUID() + UUID.randomUUID();
        assertThat(Secrets.problem("JWT_SECRET", "signs", testShopStyle)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "short"})
    void aMissingOrShortSecretIsRefused(String missing) {
        assertThat(Secrets.problem("JWT_SECRET", "signs", missing)).isPresent();
    }

    @Test
    void aP256KeyPairAsOpensslWritesItIsRead() throws Exception {
        KeyPair pair = ecPair("secp256r1");

        assertThat(Secrets.es256PrivateKey(
                        "STAFF_TOKEN_SIGNING_KEY", base64(pair.getPrivate().getEncoded())))
                .isEqualTo(pair.getPrivate());
        assertThat(Secrets.es256PublicKey(
                        "STAFF_TOKEN_PUBLIC_KEY", base64(pair.getPublic().getEncoded())))
                .isEqualTo(pair.getPublic());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "change-me-to-a-generated-p256-key",
                "<paste the key>",
                "not base64 at all!",
                "bm90IGEga2V5IGF0IGFsbA=="
            })
    void placeholdersAndGarbageAreNoStaffTokenKeys(String bad) {
        assertThatThrownBy(() -> Secrets.es256PrivateKey("STAFF_TOKEN_SIGNING_KEY", bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("STAFF_TOKEN_SIGNING_KEY is");
        assertThatThrownBy(() -> Secrets.es256PublicKey("STAFF_TOKEN_PUBLIC_KEY", bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("STAFF_TOKEN_PUBLIC_KEY is");
    }

    @Test
    void aKeyOfAnotherKindOrCurveIsRefused() throws Exception {
        KeyPair p384 = ecPair("secp384r1");
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertThatThrownBy(() ->
                        Secrets.es256PrivateKey("K", base64(p384.getPrivate().getEncoded())))
                .hasMessageContaining("P-256");
        assertThatThrownBy(() ->
                        Secrets.es256PublicKey("K", base64(p384.getPublic().getEncoded())))
                .hasMessageContaining("P-256");
        assertThatThrownBy(() ->
                        Secrets.es256PrivateKey("K", base64(ed25519.getPrivate().getEncoded())))
                .hasMessage("K is not a base64 PKCS#8 P-256 private key");
        // the private key where the public one belongs, and back
        assertThatThrownBy(() -> Secrets.es256PublicKey(
                        "K", base64(ecPair("secp256r1").getPrivate().getEncoded())))
                .hasMessage("K is not a base64 X.509 P-256 public key");
    }

    private static KeyPair ecPair(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
