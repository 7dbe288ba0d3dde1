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
 * Gives command-api's catalog writes and payment actions a token of the logged-in staff member, so a change is made
 * by that person, not with a service credential. Minted per call rather than the login cookie: a token command-api
 * sees is no web-ui login (README, "Calls to the other services").
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
