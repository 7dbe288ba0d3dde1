package com.licenceshop.servicedefaults;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code X-Instance-Id} on every response (errors and refusals too), so a client behind a load balancer sees which
 * replica answered. The value is computed once; a response pays one header set.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class InstanceHeader {

    static final String NAME = "X-Instance-Id";

    private final String value;

    InstanceHeader(InstanceId instance) {
        this.value = instance.instance();
    }

    @ResponseFilter
    void name(MutableHttpResponse<?> response) {
        response.getHeaders().set(NAME, value);
    }
}
