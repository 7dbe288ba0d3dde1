package com.licenceshop.web.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.claims.ClaimsGenerator;
import io.micronaut.security.token.generator.TokenGenerator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gives the command API's catalog writes and payment actions (a transfer recorded, a refund: ADR 13) a token of the logged-in staff member, as {@code Authorization: Bearer}: the
 * command API checks it (ES256 with web-ui's public key) and wants role SALES, so a change is made by that staff
 * member, not by a service credential anyone behind the UI could use. The token is minted per call for command-api
 * (aud command-api, iss web-ui, one minute), not the login cookie itself: a token command-api sees or logs is no
 * web-ui login, and a cookie is no command-api token. Catalog reads and orders go without it; no login, nothing
 * forwarded (the command API answers 401).
 */
@ClientFilter(
        serviceId = "command-api",
        patterns = {"/**/api/products", "/**/api/products/**", "/**/api/invoices/*/transfers", "/**/api/orders/*/refund"
        },
        methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE})
final class StaffTokenFilter {

    static final String AUDIENCE = "command-api";
    /** Long enough for one call (and a retry), short enough that a copy is useless soon after. */
    static final int LIFETIME_SECONDS = 60;

    private final TokenGenerator tokens;
    private final ClaimsGenerator claims;

    StaffTokenFilter(TokenGenerator tokens, ClaimsGenerator claims) {
        this.tokens = tokens;
        this.claims = claims;
    }

    @RequestFilter
    void forward(MutableHttpRequest<?> request) {
        ServerRequestContext.currentRequest()
                .flatMap(current -> current.getUserPrincipal(Authentication.class))
                .flatMap(this::tokenFor)
                .ifPresent(request::bearerAuth);
    }

    private Optional<String> tokenFor(Authentication staff) {
        Map<String, Object> claimed = new HashMap<>();
        claimed.put("sub", staff.getName());
        claimed.put("roles", staff.getRoles());
        claimed.put("iss", StaffTokenAudience.WEB_UI);
        claimed.put("aud", AUDIENCE);
        return tokens.generateToken(claims.generateClaimsSet(claimed, LIFETIME_SECONDS));
    }
}
