package com.licenceshop.command.support;

import com.licenceshop.testsupport.StaffTokenKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The staff credential of catalog writes: every test request that changes the catalog goes through
 * {@link #authorize}, which adds a staff token as web-ui mints it for command-api (ES256 with the tests' key pair,
 * iss web-ui, aud command-api, claim {@code roles}). {@link CommandApiIT} gives every test application the public key.
 */
public final class StaffLogin {

    /** The tests' staff token keys: command-api gets {@link StaffTokenKeys#publicKeyText()} only. */
    public static final StaffTokenKeys KEYS = StaffTokenKeys.generate();

    private StaffLogin() {}

    /** Adds the credential of a sales staff member (role SALES). */
    public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return authorizeAs(request, "SALES");
    }

    /** Adds a valid staff token with only these roles (e.g. to see a 403). */
    public static HttpRequest.Builder authorizeAs(HttpRequest.Builder request, String... roles) {
        return request.header(
                "Authorization", "Bearer " + sign(KEYS, claims(Instant.now().plusSeconds(600), roles)));
    }

    /** The claims web-ui's token for command-api has, expiring then. */
    public static JWTClaimsSet claims(Instant expires, String... roles) {
        return new JWTClaimsSet.Builder()
                .subject("sam")
                .issuer("web-ui")
                .audience("command-api")
                .claim("roles", List.of(roles))
                .issueTime(Date.from(Instant.now().minusSeconds(120)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(120)))
                .expirationTime(Date.from(expires))
                .build();
    }

    /** Signs as web-ui does (ES256), with these keys. */
    public static String sign(StaffTokenKeys keys, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        try {
            jwt.sign(new ECDSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }
}
