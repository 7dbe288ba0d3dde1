package com.licenceshop.web.system;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The login a request belongs to (for ending its live streams at logout). Meant to become the "session" a CSRF
 * token is bound to (as a micronaut-security {@code SessionIdResolver}); that binding is NOT active yet, see the
 * README. The intended binding: for a logged-in staff member a digest of their login cookie (each
 * login signs a new JWT, so each login is a session of its own); none for visitors without one. The CSRF token's
 * HMAC covers it, so a token issued to an anonymous visitor (or to another login) fails on a staff form.
 *
 * <p>micronaut-security's own resolver uses the JWT's {@code jti}, which our tokens do not carry; the digest
 * needs no extra claim and no server-side state.
 */
@Singleton
final class StaffSessionIds {

    private final AccessTokenCookieConfiguration loginCookie;

    StaffSessionIds(AccessTokenCookieConfiguration loginCookie) {
        this.loginCookie = loginCookie;
    }

    public Optional<String> findSessionId(HttpRequest<?> request) {
        // the cookie alone, not whether it authenticated: filters that issue tokens may run before the security
        // filter, and a cookie that does not authenticate gets no staff action through anyway
        return request.getCookies().findCookie(loginCookie.getCookieName()).map(Cookie::getValue).map(StaffSessionIds::digest);
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
