package com.licenceshop.servicedefaults;

import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;

/**
 * {@code GET /instance}: {service, instance, startedAt}, anonymous (not sensitive: with micronaut-security the
 * sensitive-endpoint rule lets it through, like /health) and cheap, a record built at start. A management endpoint
 * rather than a controller, so it sits with /health and /prometheus and is switched like them
 * ({@code endpoints.instance.enabled}; web-ui, which disables all endpoints by default, enables it).
 */
@Endpoint(id = "instance", defaultSensitive = false)
final class InstanceEndpoint {

    private final InstanceId instance;

    InstanceEndpoint(InstanceId instance) {
        this.instance = instance;
    }

    @Read
    InstanceId instance() {
        return instance;
    }
}
