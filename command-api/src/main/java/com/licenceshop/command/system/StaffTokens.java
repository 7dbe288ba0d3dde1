package com.licenceshop.command.system;

import com.licenceshop.servicedefaults.Secrets;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signature check of the staff tokens web-ui forwards for catalog writes: HS256 with web-ui's JWT_SECRET
 * (micronaut-security-jwt reads the bearer token, checks expiry and reads the {@code roles} claim); the token must
 * also name web-ui as its issuer and carry an expiry.
 *
 * <p>Without JWT_SECRET the API still starts (orders, catalog reads and ops need no staff token, which is handy on
 * a developer machine) and no token verifies, so every catalog write is refused with 401. A secret that is set but a
 * placeholder or too short stops the start, as in web-ui: created eagerly ({@link Context}) for that.
 */
@Context
final class StaffTokens implements SignatureConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StaffTokens.class);
    /** The {@code iss} of web-ui's logins (its micronaut.application.name). */
    static final String ISSUER = "web-ui";

    @Nullable
    private final MACVerifier verifier;

    StaffTokens(@Value("${shop.staff.jwt-secret:}") String secret) {
        if (secret == null || secret.isBlank()) {
            LOG.warn("JWT_SECRET is not set: catalog writes (POST/PUT/DELETE /api/products) are refused with 401");
            this.verifier = null;
            return;
        }
        Secrets.problem("JWT_SECRET", "checks the staff tokens of catalog writes", secret).ifPresent(problem -> {
            throw new ConfigurationException("command-api cannot start: " + problem + ". " + Secrets.HOW_TO_GENERATE
                    + " and give command-api the same value as web-ui.");
        });
        try {
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new ConfigurationException("command-api cannot start: JWT_SECRET is not a usable HS256 key");
        }
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the HS256 algorithm is supported";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return verifier != null && supports(jwt.getHeader().getAlgorithm()) && jwt.verify(verifier) && fromWebUiWithExpiry(jwt);
    }

    /** Only web-ui's logins count, and only with an expiry: a token without one would be a login for ever (L-19). */
    private static boolean fromWebUiWithExpiry(SignedJWT jwt) {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return claims.getExpirationTime() != null && ISSUER.equals(claims.getIssuer());
        } catch (java.text.ParseException e) {
            return false;
        }
    }
}
