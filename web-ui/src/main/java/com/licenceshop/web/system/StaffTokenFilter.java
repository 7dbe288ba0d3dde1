package com.licenceshop.web.system;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.http.cookie.Cookie;

/**
 * Forwards the logged-in staff member's own token (the login cookie of the request being served) to the command
 * API's catalog writes and payment actions (a transfer recorded, a refund: ADR 13), as {@code Authorization: Bearer}: the command API checks it (HS256, same JWT_SECRET) and
 * wants role SALES, so a change is made by that staff member, not by a service credential anyone behind the UI
 * could use. Catalog reads and orders go without it; no cookie, nothing forwarded (the command API answers 401).
 */
@ClientFilter(serviceId = "command-api", patterns = {"/**/api/products", "/**/api/products/**",
        "/**/api/invoices/*/transfers", "/**/api/orders/*/refund"},
        methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE})
final class StaffTokenFilter {

    private final String cookieName;

    StaffTokenFilter(@Value("${micronaut.security.token.cookie.cookie-name:JWT}") String cookieName) {
        this.cookieName = cookieName;
    }

    @RequestFilter
    void forward(MutableHttpRequest<?> request) {
        ServerRequestContext.currentRequest()
                .flatMap(current -> current.getCookies().findCookie(cookieName))
                .map(Cookie::getValue)
                .filter(token -> !token.isBlank())
                .ifPresent(request::bearerAuth);
    }
}
