package com.licenceshop.command.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The staff credential of catalog writes: every test request that changes the catalog goes through
 * {@link #authorize}, which adds a staff token as web-ui's login writes it (HS256 with the tests' JWT_SECRET,
 * claim {@code roles}). {@link CommandApiIT} gives every test application this secret.
 */
public final class StaffLogin {

    /** The tests' JWT_SECRET (random, not a placeholder: command-api refuses those). */
    public static final String JWT_SECRET = "p8Jw2rXq7Tn4Lm9Vc6Hs1Zb3Kd5Fg0Ya+/eRuIoWtNxQ";

    private StaffLogin() {
    }

    /** Adds the credential of a sales staff member (role SALES). */
    public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return authorizeAs(request, "SALES");
    }

    /** Adds a valid staff token with only these roles (e.g. to see a 403). */
    public static HttpRequest.Builder authorizeAs(HttpRequest.Builder request, String... roles) {
        return request.header("Authorization", "Bearer " + token(roles));
    }

    private static String token(String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("sam").issuer("web-ui").claim("roles", List.of(roles))
                .issueTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(JWT_SECRET));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }
}
