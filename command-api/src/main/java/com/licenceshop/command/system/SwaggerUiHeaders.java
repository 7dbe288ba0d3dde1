package com.licenceshop.command.system;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The Swagger UI and its OpenAPI document may not be framed by another site (clickjacking), nor sniffed into
 * another type. No script policy: the generated page has inline scripts.
 */
@ServerFilter({"/swagger-ui/**", "/swagger/**"})
final class SwaggerUiHeaders implements Ordered {

    static final String CONTENT_SECURITY_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void harden(MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
    }
}
