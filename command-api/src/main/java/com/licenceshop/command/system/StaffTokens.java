package com.licenceshop.command.system;

import com.licenceshop.servicedefaults.Secrets;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.ec.ECSignature;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureConfiguration;
import java.security.interfaces.ECPublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the staff tokens web-ui mints, with web-ui's public key only: command-api holds no signing key, so nothing
 * here can mint one (L-19). Without a key every catalog write is 401; a bad key stops the start, hence {@link Context}.
 * The rules: README, "Endpoints".
 */
@Context
final class StaffTokens implements SignatureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StaffTokens.class);

    @Nullable
    private final ECSignature signature;

    StaffTokens(@Value("${shop.staff.token-public-key:}") String publicKey) {
        if (publicKey == null || publicKey.isBlank()) {
            LOG.warn(
                    "STAFF_TOKEN_PUBLIC_KEY is not set: catalog writes (POST/PUT/DELETE /api/products) are refused with 401");
            this.signature = null;
            return;
        }
        try {
            ECPublicKey key = Secrets.es256PublicKey("STAFF_TOKEN_PUBLIC_KEY", publicKey);
            this.signature = new ECSignature(new ECSignatureConfiguration() {
                @Override
                public ECPublicKey getPublicKey() {
                    return key;
                }

                @Override
                public JWSAlgorithm getJwsAlgorithm() {
                    return JWSAlgorithm.ES256;
                }
            });
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("command-api cannot start: " + e.getMessage() + ". "
                    + Secrets.HOW_TO_GENERATE_ES256 + "; command-api gets only the public key, web-ui both.");
        }
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the ES256 algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.ES256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return signature != null && supports(jwt.getHeader().getAlgorithm()) && signature.verify(jwt);
    }
}
