package com.licenceshop.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a deployment must know about each service, in ONE place: its port, its health and management
 * endpoints, how long it may need to stop. Ports and paths are read from the service's own application.yml
 * ({@link ApplicationConfig}); what cannot be read from there is written here with the reason.
 *
 * <p>If management endpoints move to their own port ({@code endpoints.all.port}) or under a prefix
 * ({@code endpoints.all.path}), {@link #managementPort()} and {@link #managementPaths()} follow, and the
 * tests then expect the probes on that port.
 */
record ServiceEndpoints(String module, ApplicationConfig config, Duration minimumGracePeriod) {

    /**
     * The four services. Grace periods: the projector retries a batch against a lost database for
     * {@code shop.projector.retry-for} (30s) before it requeues; a mail in flight may wait for SMTP connect,
     * data and quit, each bounded by {@code SMTP_TIMEOUT} (10s); the command API's relay waits at most its
     * confirm timeout (10s) for the broker; the web UI only has short requests and SSE streams.
     */
    static List<ServiceEndpoints> all(Path repository) {
        return List.of(
                new ServiceEndpoints(
                        "command-api", ApplicationConfig.of(repository, "command-api"), Duration.ofSeconds(30)),
                new ServiceEndpoints(
                        "sales-projector", ApplicationConfig.of(repository, "sales-projector"), Duration.ofSeconds(45)),
                new ServiceEndpoints(
                        "notification-service",
                        ApplicationConfig.of(repository, "notification-service"),
                        Duration.ofSeconds(45)),
                new ServiceEndpoints("web-ui", ApplicationConfig.of(repository, "web-ui"), Duration.ofSeconds(20)));
    }

    /**
     * Variables with an empty default that mean "off" or "as the other", not "missing": SMTP without a login, the
     * session URL that is DATABASE_URL unless a pooler stands in front (docs/adr/0010-connection-budget.md).
     */
    static final Set<String> OPTIONAL_VARIABLES = Set.of("SMTP_USER", "SMTP_PASSWORD", "DATABASE_SESSION_URL");

    /** The services the outside world reaches, by host (as docker-compose.yml's Traefik labels have them). */
    static final Map<String, String> ROUTED_HOSTS =
            Map.of("shop.localhost", "web-ui", "api.shop.localhost", "command-api");

    int httpPort() {
        return Integer.parseInt(config.valueOrDefault("micronaut.server.port"));
    }

    int managementPort() {
        String port = config.valueOrDefault("endpoints.all.port");
        return port == null ? httpPort() : Integer.parseInt(port);
    }

    private String managementPrefix() {
        String prefix = config.valueOrDefault("endpoints.all.path");
        return prefix == null || prefix.equals("/") ? "" : prefix.replaceAll("/$", "");
    }

    String healthPath() {
        if (!"true".equals(config.valueOrDefault("endpoints.health.enabled"))) {
            throw new AssertionError(module + " does not enable endpoints.health: there is nothing to probe");
        }
        return managementPrefix() + "/health";
    }

    String livenessPath() {
        return healthPath() + "/liveness";
    }

    String readinessPath() {
        return healthPath() + "/readiness";
    }

    /** Every management endpoint the service configures (health, prometheus, …): never routed from outside. */
    List<String> managementPaths() {
        return config.childKeys("endpoints").stream()
                .filter(key -> !key.equals("all"))
                .map(key -> managementPrefix() + "/" + key)
                .sorted()
                .toList();
    }

    /** Environment variables the service needs in any deployment: no default, an empty one, or one for localhost. */
    Set<String> requiredVariables() {
        return config.requiredVariables(OPTIONAL_VARIABLES);
    }
}
