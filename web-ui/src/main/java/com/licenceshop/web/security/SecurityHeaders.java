package com.licenceshop.web.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Browser hardening for every response. All scripts and styles are files under /static (no inline script, no
 * CDN), so the content security policy can forbid everything else. First in the chain: at the default order the
 * responses micronaut-security makes itself (a login redirect, a 401) would not pass through it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    private final String contentSecurityPolicy;

    /**
     * {@code checkoutOrigin}: the card provider's hosted checkout (ADR 13). The pay button's form answers with a
     * redirect there, and browsers hold a form's redirects to {@code form-action} too, so that origin is allowed.
     */
    SecurityHeaders(@Value("${shop.payment.checkout-origin:}") String checkoutOrigin) {
        this.contentSecurityPolicy = checkoutOrigin.isBlank()
                ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace("form-action 'self'", "form-action 'self' " + checkoutOrigin.strip());
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void harden(MutableHttpResponse<?> response) {
        response.getHeaders().add("Content-Security-Policy", contentSecurityPolicy);
        response.getHeaders().add("X-Content-Type-Options", "nosniff");
        response.getHeaders().add("Referrer-Policy", "same-origin");
        response.getHeaders().add("X-Frame-Options", "DENY");
    }
}
