package com.licenceshop.command.system;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a sane token, else a
 * new one. It is stored with the events the request causes, published as a message header and echoed back.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-Id";
    private static final String ATTRIBUTE = "shop.correlationId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** The correlation id of the request (set by this filter before any controller runs). */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class)
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    @RequestFilter
    void assign(HttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(HEADER, of(request));
    }
}
