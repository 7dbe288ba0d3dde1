package com.licenceshop.deploy;

import com.licenceshop.deploy.RenderedOverlay.ShopContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay at its maximum replicas stays within its database's connections: each Deployment's most replicas
 * (HorizontalPodAutoscaler, KEDA ScaledObject or its own count) times what one replica holds (its pool, from the
 * environment or application.yml, plus its sessions outside the pool), plus one run of each ops job, stays below
 * {@code max_connections} minus a reserve for the operators, backups and an ops psql (docs/operations.md#connections).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionBudgetTest {

    /**
     * Connections a replica opens beside its pool, on the session URL (direct, never through the pooler):
     * command-api's outbox relay (session advisory lock, LISTEN), web-ui's LISTEN connection. Flyway's session
     * lives only while a replica starts.
     */
    private static final Map<String, Integer> SESSIONS_OUTSIDE_THE_POOL = Map.of("command-api", 1, "web-ui", 1);
    /** PostgreSQL's own default. */
    private static final int DEFAULT_MAX_CONNECTIONS = 100;
    /** superuser_reserved_connections (3), the operator's and the exporter's sessions, backups, a few ops psql. */
    private static final int RESERVE = 25;

    private final List<RenderedOverlay> overlays = List.of(RenderedOverlay.render("local"), RenderedOverlay.render("production"));

    @Test
    void every_overlay_at_its_maximum_replicas_stays_under_max_connections_minus_a_reserve() {
        for (RenderedOverlay overlay : overlays) {
            List<String> lines = new ArrayList<>();
            int total = 0;
            for (ShopContainer c : overlay.shopContainers()) {
                int replicas = maximumReplicas(overlay, c.workload());
                int perReplica = poolSize(overlay, c) + SESSIONS_OUTSIDE_THE_POOL.getOrDefault(c.module(), 0);
                total += replicas * perReplica;
                lines.add(c + ": " + replicas + " x " + perReplica);
            }
            int maxConnections = maxConnections(overlay);
            assertThat(total).as("%s: connections at the maximum replicas %s against max_connections %d - reserve %d",
                    overlay, lines, maxConnections, RESERVE).isLessThanOrEqualTo(maxConnections - RESERVE);
        }
    }

    @Test
    void the_budget_counts_every_deployment_of_the_four_services() {
        for (RenderedOverlay overlay : overlays) {
            for (String module : List.of("command-api", "sales-projector", "notification-service", "web-ui")) {
                ShopContainer c = overlay.deploymentsOf(module).get(0);
                assertThat(maximumReplicas(overlay, c.workload())).as("%s: %s has a bounded replica count", overlay, module)
                        .isPositive();
                assertThat(poolSize(overlay, c)).as("%s: %s pool size", overlay, module).isPositive();
            }
        }
    }

    private static int maximumReplicas(RenderedOverlay overlay, Node workload) {
        if (!"Deployment".equals(workload.kind())) {
            return 1; // an ops job: concurrencyPolicy Forbid, one run at a time
        }
        for (Node hpa : overlay.ofKind("HorizontalPodAutoscaler")) {
            if (workload.name().equals(hpa.at("spec.scaleTargetRef.name").text())) {
                return (Integer) hpa.at("spec.maxReplicas").value();
            }
        }
        for (Node scaled : overlay.ofKind("ScaledObject")) {
            if (workload.name().equals(scaled.at("spec.scaleTargetRef.name").text())) {
                return (Integer) scaled.at("spec.maxReplicaCount").value();
            }
        }
        Object replicas = workload.at("spec.replicas").value();
        return replicas == null ? 1 : (Integer) replicas;
    }

    /** DATABASE_POOL_SIZE as the container gets it (its env, then its ConfigMap), else application.yml's default. */
    private static int poolSize(RenderedOverlay overlay, ShopContainer c) {
        for (Node env : c.container().at("env").list()) {
            if ("DATABASE_POOL_SIZE".equals(env.at("name").text())) {
                return Integer.parseInt(env.at("value").text());
            }
        }
        for (Node source : c.container().at("envFrom").list()) {
            if (source.at("configMapRef").exists()) {
                Object value = overlay.find("ConfigMap", source.at("configMapRef.name").text())
                        .map(m -> m.at("data").map().get("DATABASE_POOL_SIZE")).orElse(null);
                if (value != null) {
                    return Integer.parseInt(String.valueOf(value));
                }
            }
        }
        String configured = ApplicationConfig.of(Repository.ROOT, c.module()).valueOrDefault("datasources.default.maximum-pool-size");
        return Integer.parseInt(Objects.requireNonNull(configured, c.module() + " has no maximum-pool-size in application.yml"));
    }

    /** CloudNativePG's parameter, or the in-cluster server's {@code -c max_connections=}, else PostgreSQL's default. */
    private static int maxConnections(RenderedOverlay overlay) {
        for (Node cluster : overlay.ofKind("Cluster")) {
            Object value = cluster.at("spec.postgresql.parameters.max_connections").value();
            if (value != null) {
                return Integer.parseInt(String.valueOf(value));
            }
        }
        return overlay.find("StatefulSet", "postgres").map(s -> s.at("spec.template.spec.containers").list().get(0).at("args").list())
                .flatMap(args -> args.stream().map(Node::text).filter(a -> a != null && a.startsWith("max_connections="))
                        .map(a -> Integer.parseInt(a.substring("max_connections=".length()))).findFirst())
                .orElse(DEFAULT_MAX_CONNECTIONS);
    }
}
