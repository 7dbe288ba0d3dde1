package com.licenceshop.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/** Reads and makes staff tokens with the test shop's key pair, as command-api and an attacker with the key would. */
public final class StaffTokens {

    private StaffTokens() {}

    /** The claims of a token that verifies with the test shop's public key (fails the test otherwise). */
    public static JWTClaimsSet verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            assertThat(jwt.verify(new ECDSAVerifier(TestShop.STAFF_TOKEN_KEYS.publicKey())))
                    .as("signature")
                    .isTrue();
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("not a staff token: " + token, e);
        }
    }

    /** These claims signed with the test shop's private key (ES256). */
    public static String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        try {
            jwt.sign(new ECDSASigner(TestShop.STAFF_TOKEN_KEYS.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
