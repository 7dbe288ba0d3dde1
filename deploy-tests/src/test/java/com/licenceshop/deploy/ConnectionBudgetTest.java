package com.licenceshop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.deploy.RenderedOverlay.ShopContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

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

    private final List<RenderedOverlay> overlays =
            List.of(RenderedOverlay.render("local"), RenderedOverlay.render("production"));

    /**
     * A pool whose {@code DATABASE_URL} goes to a CloudNativePG {@code Pooler} costs the database nothing of its
     * own: the poolers hold at most instances x {@code max_db_connections} server connections between them. Their
     * sessions outside the pool go direct and count per replica.
     */
    @Test
    void everyOverlayAtMaximumReplicasStaysUnderMaxConnectionsMinusAReserve() {
        for (RenderedOverlay overlay : overlays) {
            List<String> lines = new ArrayList<>();
            int total = 0;
            for (ShopContainer c : overlay.shopContainers()) {
                int replicas = maximumReplicas(overlay, c.workload());
                boolean pooled = poolerOf(overlay, c).isPresent();
                int perReplica =
                        (pooled ? 0 : poolSize(overlay, c)) + SESSIONS_OUTSIDE_THE_POOL.getOrDefault(c.module(), 0);
                total += replicas * perReplica;
                lines.add(c + ": " + replicas + " x " + perReplica + (pooled ? " (pool through the pooler)" : ""));
            }
            for (Node pooler : overlay.ofKind("Pooler")) {
                int serverConnections = instances(pooler) * maxDbConnections(pooler);
                total += serverConnections;
                lines.add("Pooler " + pooler.name() + ": " + serverConnections);
            }
            int maxConnections = maxConnections(overlay);
            assertThat(total)
                    .as(
                            "%s: connections at the maximum replicas %s against max_connections %d - reserve %d",
                            overlay, lines, maxConnections, RESERVE)
                    .isLessThanOrEqualTo(maxConnections - RESERVE);
        }
    }

    @Test
    void everyPoolerTakesAllItsPoolsAtTheirMaximumReplicas() {
        for (RenderedOverlay overlay : overlays) {
            for (Node pooler : overlay.ofKind("Pooler")) {
                int clients = 0;
                for (ShopContainer c : overlay.shopContainers()) {
                    if (poolerOf(overlay, c)
                            .filter(p -> p.name().equals(pooler.name()))
                            .isPresent()) {
                        clients += maximumReplicas(overlay, c.workload()) * poolSize(overlay, c);
                    }
                }
                // a Service spreads connections, but nothing makes it even: one instance may get them all
                assertThat(clients)
                        .as("%s: clients of %s against its max_client_conn", overlay, pooler.name())
                        .isLessThanOrEqualTo(Integer.parseInt(parameter(pooler, "max_client_conn")));
            }
        }
    }

    /**
     * Production's pools go through CloudNativePG's Pooler in transaction mode, without named prepared statements
     * (PgBouncer would hand them another server connection), and what needs a session goes to the primary's own
     * Service (docs/adr/0010-connection-budget.md).
     */
    @Test
    void productionPoolsThroughATransactionModePoolerAndKeepsTheSessionsDirect() {
        RenderedOverlay production = overlays.get(1);
        Node cluster = production.ofKind("Cluster").get(0);
        for (String module : List.of("command-api", "sales-projector", "notification-service", "web-ui")) {
            ShopContainer c = production.deploymentsOf(module).get(0);
            Node pooler = poolerOf(production, c)
                    .orElseThrow(() -> new AssertionError(module + "'s DATABASE_URL "
                            + environmentValue(production, c, "DATABASE_URL") + " does not go through a Pooler"));
            assertThat(pooler.at("spec.cluster.name").text()).as(module).isEqualTo(cluster.name());
            assertThat(pooler.at("spec.type").text()).as(module).isEqualTo("rw");
            assertThat(pooler.at("spec.pgbouncer.poolMode").text()).as(module).isEqualTo("transaction");
            assertThat(environmentValue(production, c, "DATABASE_URL"))
                    .as(module)
                    .contains("prepareThreshold=0");
            assertThat(environmentValue(production, c, "DATABASE_SESSION_URL"))
                    .as(module)
                    .startsWith("jdbc:postgresql://" + cluster.name() + "-rw:");
        }
    }

    /** The Pooler a container's DATABASE_URL names as its host, if any. */
    private static java.util.Optional<Node> poolerOf(RenderedOverlay overlay, ShopContainer c) {
        String url = environmentValue(overlay, c, "DATABASE_URL");
        if (url == null) {
            return java.util.Optional.empty();
        }
        String host = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[:/?].*$", "");
        return overlay.ofKind("Pooler").stream()
                .filter(p -> p.name().equals(host))
                .findFirst();
    }

    private static int instances(Node pooler) {
        Object instances = pooler.at("spec.instances").value();
        return instances == null ? 1 : (Integer) instances;
    }

    /** Server connections one pooler instance may open; without the cap, default_pool_size per login is unbounded. */
    private static int maxDbConnections(Node pooler) {
        String cap = parameter(pooler, "max_db_connections");
        assertThat(cap)
                .as("%s: max_db_connections (else its server connections grow with every login)", pooler.name())
                .isNotNull();
        return Integer.parseInt(cap);
    }

    private static String parameter(Node pooler, String name) {
        Object value = pooler.at("spec.pgbouncer.parameters").map().get(name);
        return value == null ? null : String.valueOf(value);
    }

    @Test
    void theBudgetCountsEveryDeploymentOfTheFourServices() {
        for (RenderedOverlay overlay : overlays) {
            for (String module : List.of("command-api", "sales-projector", "notification-service", "web-ui")) {
                ShopContainer c = overlay.deploymentsOf(module).get(0);
                assertThat(maximumReplicas(overlay, c.workload()))
                        .as("%s: %s has a bounded replica count", overlay, module)
                        .isPositive();
                assertThat(poolSize(overlay, c))
                        .as("%s: %s pool size", overlay, module)
                        .isPositive();
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
        String value = environmentValue(overlay, c, "DATABASE_POOL_SIZE");
        if (value != null) {
            return Integer.parseInt(value);
        }
        String configured = ApplicationConfig.of(Repository.ROOT, c.module())
                .valueOrDefault("datasources.default.maximum-pool-size");
        return Integer.parseInt(
                Objects.requireNonNull(configured, c.module() + " has no maximum-pool-size in application.yml"));
    }

    /** A variable as the container gets it: its env, then its ConfigMaps; null when neither sets it. */
    private static String environmentValue(RenderedOverlay overlay, ShopContainer c, String name) {
        for (Node env : c.container().at("env").list()) {
            if (name.equals(env.at("name").text()) && env.at("value").exists()) {
                return env.at("value").text();
            }
        }
        for (Node source : c.container().at("envFrom").list()) {
            if (source.at("configMapRef").exists()) {
                Object value = overlay.find(
                                "ConfigMap", source.at("configMapRef.name").text())
                        .map(m -> m.at("data").map().get(name))
                        .orElse(null);
                if (value != null) {
                    return String.valueOf(value);
                }
            }
        }
        return null;
    }

    /** CloudNativePG's parameter, or the in-cluster server's {@code -c max_connections=}, else PostgreSQL's default. */
    private static int maxConnections(RenderedOverlay overlay) {
        for (Node cluster : overlay.ofKind("Cluster")) {
            Object value =
                    cluster.at("spec.postgresql.parameters.max_connections").value();
            if (value != null) {
                return Integer.parseInt(String.valueOf(value));
            }
        }
        return overlay.find("StatefulSet", "postgres")
                .map(s -> s.at("spec.template.spec.containers")
                        .list()
                        .get(0)
                        .at("args")
                        .list())
                .flatMap(args -> args.stream()
                        .map(Node::text)
                        .filter(a -> a != null && a.startsWith("max_connections="))
                        .map(a -> Integer.parseInt(a.substring("max_connections=".length())))
                        .findFirst())
                .orElse(DEFAULT_MAX_CONNECTIONS);
    }
}
