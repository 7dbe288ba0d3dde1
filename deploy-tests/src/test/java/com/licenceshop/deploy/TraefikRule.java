package com.licenceshop.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Traefik router rule of the one shape this project writes, {@code Host(`h`) && !PathRegexp(`re`)}, read
 * the way Traefik reads it, so compose and Kubernetes routes are checked by the same rule.
 */
record TraefikRule(String host, Pattern excluded) {

    private static final Pattern SHAPE = Pattern.compile("^Host\\(`([^`]+)`\\) && !PathRegexp\\(`([^`]+)`\\)$");

    /** Every management path a Micronaut service may serve, also those not enabled today. */
    static final List<String> MANAGEMENT_PATHS = List.of("/prometheus", "/health", "/health/liveness", "/health/readiness",
            "/metrics", "/beans", "/info", "/instance", "/loggers", "/loggers/root", "/refresh", "/routes", "/env", "/stop", "/threads",
            "/caches", "/flyway");
    /** Public pages and API paths, some of which merely start like a management path. */
    static final List<String> PUBLIC_PATHS = List.of("/", "/api/orders", "/api/products", "/sales", "/ops", "/orders/1",
            "/static/shop.css", "/login/auth", "/swagger-ui/index.html", "/healthy-licences", "/information");

    static TraefikRule parse(String rule) {
        Matcher matcher = SHAPE.matcher(rule);
        if (!matcher.matches()) {
            throw new AssertionError("not of the shape Host(`…`) && !PathRegexp(`…`): " + rule);
        }
        return new TraefikRule(matcher.group(1), Pattern.compile(matcher.group(2)));
    }

    boolean routes(String path) {
        return !excluded.matcher(path).matches();
    }
}
