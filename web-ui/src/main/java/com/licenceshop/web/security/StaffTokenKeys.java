package com.licenceshop.web.security;

import com.licenceshop.servicedefaults.Secrets;
import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The staff tokens' key pair (ES256): web-ui signs with the private key and command-api has only the public one, so it
 * can check staff tokens but not make them (L-19). Named {@code generator} for micronaut-security-jwt. A pair that does
 * not match is refused: it would sign tokens command-api never accepts.
 */
@Singleton
@Named("generator")
final class StaffTokenKeys implements ECSignatureGeneratorConfiguration {

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    StaffTokenKeys(
            @Value("${shop.staff.token-signing-key:}") String signingKey,
            @Value("${shop.staff.token-public-key:}") String publicKey) {
        List<String> problems = problems(signingKey, publicKey);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("web-ui cannot start: " + String.join("; ", problems));
        }
        this.privateKey = Secrets.es256PrivateKey("STAFF_TOKEN_SIGNING_KEY", signingKey);
        this.publicKey = Secrets.es256PublicKey("STAFF_TOKEN_PUBLIC_KEY", publicKey);
    }

    /** What is wrong with the pair, if anything (never the keys themselves); {@link StartupSecrets} reports it. */
    static List<String> problems(String signingKey, String publicKey) {
        List<String> problems = new ArrayList<>();
        ECPrivateKey privateKey = null;
        ECPublicKey verifyKey = null;
        try {
            privateKey = Secrets.es256PrivateKey("STAFF_TOKEN_SIGNING_KEY", signingKey);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            verifyKey = Secrets.es256PublicKey("STAFF_TOKEN_PUBLIC_KEY", publicKey);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (privateKey != null && verifyKey != null && !pair(privateKey, verifyKey)) {
            problems.add("STAFF_TOKEN_PUBLIC_KEY is not the public half of STAFF_TOKEN_SIGNING_KEY");
        }
        return problems;
    }

    /** Whether a signature by the private key verifies with the public one. */
    private static boolean pair(ECPrivateKey privateKey, ECPublicKey publicKey) {
        byte[] probe = "staff-token-key-pair".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public ECPrivateKey getPrivateKey() {
        return privateKey;
    }

    @Override
    public ECPublicKey getPublicKey() {
        return publicKey;
    }

    @Override
    public JWSAlgorithm getJwsAlgorithm() {
        return JWSAlgorithm.ES256;
    }
}
