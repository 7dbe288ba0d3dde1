package com.licenceshop.web.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.generator.CsrfTokenGenerator;
import io.micronaut.security.csrf.repository.CsrfTokenRepository;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import java.util.Optional;

/**
 * Gives every visitor a CSRF token (double-submit cookie), not only staff after login: micronaut-security-csrf sets
 * its cookie only in the login response, but shoppers post forms too. A cookie that does not validate for this
 * visitor is replaced by the next page.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class CsrfTokenIssuer implements Ordered {

    static final String ISSUED_TOKEN = "shop.csrf.issued-token";

    private final CsrfTokenGenerator<HttpRequest<?>> generator;
    private final CsrfTokenRepository<HttpRequest<?>> repository;
    private final CsrfConfiguration configuration;
    private final CsrfTokenValidator<HttpRequest<?>> validator;

    CsrfTokenIssuer(
            CsrfTokenGenerator<HttpRequest<?>> generator,
            CsrfTokenRepository<HttpRequest<?>> repository,
            CsrfConfiguration configuration,
            CsrfTokenValidator<HttpRequest<?>> validator) {
        this.generator = generator;
        this.repository = repository;
        this.configuration = configuration;
        this.validator = validator;
    }

    /** The token the page's forms must carry: the visitor's cookie, or the one issued with this response. */
    public static Optional<String> tokenFor(HttpRequest<?> request, CsrfTokenRepository<HttpRequest<?>> repository) {
        return request.getAttribute(ISSUED_TOKEN, String.class).or(() -> repository.findCsrfToken(request));
    }

    @RequestFilter
    void issueForPages(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.GET
                && isPage(request)
                && repository
                        .findCsrfToken(request)
                        .filter(token -> validator.validateCsrfToken(request, token))
                        .isEmpty()) {
            request.setAttribute(ISSUED_TOKEN, generator.generateCsrfToken(request));
        }
    }

    @ResponseFilter
    void setCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ISSUED_TOKEN, String.class).ifPresent(token -> {
            Cookie cookie = Cookie.of(configuration.getCookieName(), token);
            cookie.configure(configuration, request.isSecure());
            response.cookie(cookie);
        });
    }

    private static boolean isPage(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/static/")
                || path.startsWith("/api/")
                || path.startsWith("/health")
                || path.startsWith("/prometheus")
                || path.endsWith("/events")) {
            return false;
        }
        return request.accept().isEmpty()
                || request.accept().stream()
                        .anyMatch(type -> type.matches(MediaType.TEXT_HTML_TYPE) || type.equals(MediaType.ALL_TYPE));
    }

    @Override
    public int getOrder() {
        // after the security filter: a logged-in user's token is bound to their session
        return ServerFilterPhase.SECURITY.after();
    }
}
