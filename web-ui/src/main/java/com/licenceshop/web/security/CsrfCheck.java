package com.licenceshop.web.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.filter.CsrfFilterConfiguration;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import io.micronaut.security.filters.SecurityFilter;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The CSRF check of micronaut-security-csrf with its configuration, token sources and validator, as a filter that
 * answers with a {@code Publisher}: the stock {@code CsrfFilter} (4.15.2) makes micronaut-http 4.10.26 fail about every
 * other form post with a 500 (README, "Libraries and choices"). The stock one is switched off; drop this on upgrading.
 */
@ServerFilter(patternStyle = FilterPatternStyle.REGEX, value = "${micronaut.security.csrf.filter.regex-pattern:^.*$}")
final class CsrfCheck implements Ordered {

    private final CsrfFilterConfiguration filterConfiguration;
    private final CsrfConfiguration csrfConfiguration;
    private final FilterBodyParser bodyParser;
    private final CsrfTokenValidator<HttpRequest<?>> validator;
    private final ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> rejection;

    CsrfCheck(
            CsrfFilterConfiguration filterConfiguration,
            CsrfConfiguration csrfConfiguration,
            FilterBodyParser bodyParser,
            CsrfTokenValidator<HttpRequest<?>> validator,
            ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> rejection) {
        this.filterConfiguration = filterConfiguration;
        this.csrfConfiguration = csrfConfiguration;
        this.bodyParser = bodyParser;
        this.validator = validator;
        this.rejection = rejection;
    }

    /**
     * Every unsafe method is checked, whatever its content type: the token comes from the header, or, for a form,
     * from its field. A request without the CSRF cookie cannot pass (the token is checked against it), so it is
     * refused before its body is read; so is any other body without the header.
     */
    @RequestFilter
    Publisher<Optional<MutableHttpResponse<?>>> check(HttpRequest<?> request) {
        if (!filterConfiguration.getMethods().contains(request.getMethod())) {
            return Mono.just(Optional.empty());
        }
        Optional<String> header = request.getHeaders().get(csrfConfiguration.getHeaderName(), String.class);
        if (header.isPresent()) {
            return Mono.just(verdict(request, header.get()));
        }
        if (request.getCookies().findCookie(csrfConfiguration.getCookieName()).isEmpty()) {
            return Mono.just(Optional.of(reject(request)));
        }
        MediaType contentType = request.getContentType().orElse(null);
        if (contentType == null
                || filterConfiguration.getContentTypes().stream().noneMatch(contentType::equals)) {
            return Mono.just(Optional.of(reject(request)));
        }
        return Mono.fromFuture(() -> bodyParser.parseBody(request))
                .map(body -> verdict(request, field(body)))
                .defaultIfEmpty(Optional.of(reject(request)))
                .onErrorResume(unreadable -> Mono.just(Optional.of(
                        tooLarge(unreadable)
                                ? HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                                : reject(request))));
    }

    /** Over {@code micronaut.server.max-request-size}: the body was cut off at the limit, not read to its end. */
    private static boolean tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ContentLengthExceededException) {
                return true;
            }
        }
        return false;
    }

    private String field(Map<String, Object> body) {
        Object value = body.get(csrfConfiguration.getFieldName());
        return value == null ? null : value.toString();
    }

    private Optional<MutableHttpResponse<?>> verdict(HttpRequest<?> request, String token) {
        if (token != null && !token.isBlank() && validator.validateCsrfToken(request, token)) {
            return Optional.empty();
        }
        return Optional.of(reject(request));
    }

    private MutableHttpResponse<?> reject(HttpRequest<?> request) {
        Authentication authentication = request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class)
                .orElse(null);
        return rejection.handle(request, new AuthorizationException(authentication));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order() + 100; // after the security filter, like the stock one
    }
}
