package com.licenceshop.servicedefaults;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * {@code X-Instance-Id} on every response, errors and refusals too, so a client behind a load balancer sees which
 * replica answered: the instance's random {@link InstanceId#tag()}, never its pid and host. The value is computed once; a response pays one header set. First of all filters: at the
 * default order a response the security filter produces (a login redirect, a 401) does not pass through it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class InstanceHeader implements Ordered {

    static final String NAME = "X-Instance-Id";

    private final String value;

    InstanceHeader(InstanceId instance) {
        this.value = instance.tag();
    }

    @ResponseFilter
    void name(MutableHttpResponse<?> response) {
        response.getHeaders().set(NAME, value);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
