package com.licenceshop.deploy;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.inject.BeanDefinitionReference;
import io.micronaut.management.endpoint.annotation.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Traefik router rule of the shapes this project writes, read the way Traefik reads it, so compose and
 * Kubernetes routes are checked by the same rule: an allow-list {@code Host(`h`) && PathRegexp(`re`)}, or one
 * path for one method {@code Host(`h`) && Method(`POST`) && Path(`/p`)} (a route with its own middlewares).
 */
record TraefikRule(String host, Pattern path) {

    private static final Pattern SHAPE = Pattern.compile(
            "^Host\\(`([^`]+)`\\)(?: && Method\\(`[A-Z]+`\\))? && (?:PathRegexp\\(`([^`]+)`\\)|Path\\(`([^`]+)`\\))$");

    /**
     * Every management path a Micronaut service may serve, also those not enabled today: the id of every
     * {@code @Endpoint} bean on the services' classpath (Micronaut's own, micrometer's, flyway's, ours), with
     * the sub-paths the probes use.
     */
    static final List<String> MANAGEMENT_PATHS = Stream.concat(
                    endpointIds().stream().map(id -> "/" + id),
                    Stream.of("/health/liveness", "/health/readiness", "/loggers/root"))
            .toList();

    /** What each routed service serves to the outside world (pages and API), a sample of each route. */
    static final Map<String, List<String>> PUBLIC_PATHS = Map.of(
            "web-ui",
                    List.of(
                            "/",
                            "/orders",
                            "/orders/1",
                            "/orders/1/events",
                            "/static/shop.css",
                            "/login",
                            "/login/auth",
                            "/logout",
                            "/staff",
                            "/sales",
                            "/sales/events",
                            "/catalog",
                            "/catalog/X/edit",
                            "/ops",
                            "/ops/rebuild",
                            "/api/sales/summary"),
            // the card provider's webhook (ADR 13) comes from outside too; checkout and refund are order paths
            "command-api",
                    List.of(
                            "/api/orders",
                            "/api/orders/1",
                            "/api/orders/1/cancel",
                            "/api/orders/1/checkout",
                            "/api/orders/1/refund",
                            "/api/payments/webhook",
                            "/api/products",
                            "/api/products/STARTER",
                            "/api/licences/public-key",
                            "/api/licences/verify",
                            "/api/licences/revoked",
                            "/swagger/command-api-1.yml",
                            "/swagger-ui/index.html"));

    /** command-api's paths for callers inside the cluster only (web-ui's ops console, the jobs): never routed. */
    static final List<String> IN_CLUSTER_PATHS = List.of(
            "/api/ops/outbox",
            "/api/ops/replay",
            "/api/events",
            "/api/events/x",
            "/api/sales-periods/close",
            "/api/opsx",
            "/API/ops/outbox",
            "/api/ops/payments",
            "/api/payments/webhookx",
            "/api/payments");

    static TraefikRule parse(String rule) {
        Matcher matcher = SHAPE.matcher(rule);
        if (!matcher.matches()) {
            throw new AssertionError(
                    "not of the shape Host(`…`) && PathRegexp(`…`) or Host(`…`) && Method(`…`) && Path(`…`): " + rule);
        }
        String regex = matcher.group(2) != null ? matcher.group(2) : "^" + Pattern.quote(matcher.group(3)) + "$";
        return new TraefikRule(matcher.group(1), Pattern.compile(regex));
    }

    /** Like Traefik (Go's regexp.MatchString): a match anywhere in the path, so an unanchored pattern is caught. */
    boolean routes(String path) {
        return this.path.matcher(path).find();
    }

    private static List<String> endpointIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (BeanDefinitionReference<?> bean :
                SoftServiceLoader.load(BeanDefinitionReference.class).collectAll()) {
            var metadata = bean.getAnnotationMetadata();
            if (metadata.hasStereotype(Endpoint.class)) {
                ids.add(metadata.stringValue(Endpoint.class, "id")
                        .filter(id -> !id.isEmpty())
                        .or(() -> metadata.stringValue(Endpoint.class))
                        .orElseThrow());
            }
        }
        if (!ids.containsAll(List.of("health", "threaddump", "routes", "beans", "refresh", "prometheus", "instance"))) {
            throw new AssertionError("the endpoint ids on the classpath look incomplete: " + ids);
        }
        return ids.stream().filter(Objects::nonNull).toList();
    }
}
