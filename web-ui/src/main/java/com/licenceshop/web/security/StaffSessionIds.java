package com.licenceshop.web.security;

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
 * The login a request belongs to: a digest of the staff member's login cookie (each login signs a new JWT, so
 * each login is a session of its own), none for visitors without one. Live streams end when their login logs out.
 * CSRF tokens are deliberately not bound to it (web-ui README, "CSRF").
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
        return request.getCookies()
                .findCookie(loginCookie.getCookieName())
                .map(Cookie::getValue)
                .map(StaffSessionIds::digest);
    }

    static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
