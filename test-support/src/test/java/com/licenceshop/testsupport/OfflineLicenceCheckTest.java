package com.licenceshop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The README's offline check: the same code as OfflineLicenceCheck, and it takes only the text the shop writes. */
class OfflineLicenceCheckTest {

    private static final String CLAIMS =
            "{\"v\":2,\"sku\":\"STARTER\",\"licenceId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"seats\":1,"
                    + "\"issuedAt\":\"2026-01-01T00:00:00Z\"}";

    private final KeyPair pair = ed25519();
    private final String publicKey =
            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    private final String key =
            sign("k1", Base64.getUrlEncoder().withoutPadding().encodeToString(CLAIMS.getBytes(StandardCharsets.UTF_8)));

    @Test
    void aKeyAsTheShopWritesItGivesItsClaims() throws Exception {
        assertThat(OfflineLicenceCheck.verifiedClaims(key, "k1", publicKey)).isEqualTo(CLAIMS);
        assertThat(OfflineLicenceCheck.verifiedClaims(" " + key + "\n", "k1", publicKey))
                .isEqualTo(CLAIMS);
    }

    @Test
    void aTrailingEmptyPartOrNonCanonicalBase64IsRefused() throws Exception {
        String[] parts = key.split("\\.");
        String paddedSignature = parts[2] + "=".repeat((4 - parts[2].length() % 4) % 4);

        assertThat(OfflineLicenceCheck.verifiedClaims(key + ".", "k1", publicKey))
                .isNull();
        assertThat(OfflineLicenceCheck.verifiedClaims(key + "..", "k1", publicKey))
                .isNull();
        assertThat(OfflineLicenceCheck.verifiedClaims(
                        parts[0] + "." + parts[1] + "." + paddedSignature, "k1", publicKey))
                .isNull();
        assertThat(OfflineLicenceCheck.verifiedClaims(
                        parts[0] + "." + parts[1] + "." + withLowBitsSet(parts[2]), "k1", publicKey))
                .isNull();
    }

    @Test
    void theReadmesSnippetIsThisCodeWordForWord() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(Path.of("src/main/java/com/licenceshop/testsupport/OfflineLicenceCheck.java"));

        assertThat(normalised(between(source, "    public static String verifiedClaims", "\n    }\n")))
                .isEqualTo(normalised(between(readme, "static String verifiedClaims", "\n}\n")));
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("'%s' found", from).isNotNegative();
        return text.substring(start, text.indexOf(to, start) + to.length());
    }

    private static String normalised(String code) {
        // the formatter may break a line after "(": layout, not code
        return code.replace("public static ", "static ")
                .replaceAll("\\s+", " ")
                .replace("( ", "(")
                .trim();
    }

    /** The last base64url character of a 64-byte value carries 4 unused bits: set one and the bytes stay the same. */
    private static String withLowBitsSet(String signature) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = signature.charAt(signature.length() - 1);
        return signature.substring(0, signature.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
    }

    private String sign(String keyId, String claims) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(pair.getPrivate());
            ed25519.update((keyId + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return keyId + "." + claims + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(ed25519.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
