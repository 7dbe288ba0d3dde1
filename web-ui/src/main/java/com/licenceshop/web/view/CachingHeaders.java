package com.licenceshop.web.view;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.filters.SecurityFilter;
import java.util.List;

/**
 * What browsers and proxies may keep, and when to come back. Order pages show e-mail addresses and licence
 * keys, staff pages sales figures: {@code no-store}, like every answer to a logged-in staff member. Everything
 * else is {@code private, no-cache} unless it says otherwise (static files). A 503 says when to try again.
 * First in the chain, like security/SecurityHeaders, so the responses security makes itself get it too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CachingHeaders implements Ordered {

    static final String NO_STORE = "no-store";
    static final String REVALIDATE = "private, no-cache";
    /** Seconds; the shop's own pages say "try again in a moment". */
    static final String RETRY_AFTER = "1";

    private static final List<String> SENSITIVE =
            List.of("/orders", "/sales", "/catalog", "/ops", "/staff", "/login", "/logout", "/api/");

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void cache(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (sensitive(request)) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        } else if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, REVALIDATE);
        }
        if (response.getStatus() == HttpStatus.SERVICE_UNAVAILABLE
                && !response.getHeaders().contains(HttpHeaders.RETRY_AFTER)) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
        }
    }

    private static boolean sensitive(HttpRequest<?> request) {
        String path = request.getPath();
        return request.getAttribute(SecurityFilter.AUTHENTICATION).isPresent()
                || SENSITIVE.stream()
                        .anyMatch(prefix ->
                                path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
    }
}
