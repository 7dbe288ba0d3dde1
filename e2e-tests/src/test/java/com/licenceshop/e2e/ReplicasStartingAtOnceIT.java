package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Kubernetes rollout or a scale-up from zero does: several replicas of a service start at the same
 * moment against an empty schema. Flyway holds a PostgreSQL advisory lock on the schema history while it applies
 * a migration and re-reads the history under it before the next one, so every version is applied exactly once, in
 * order, by whichever replica holds the lock (one may apply all, or they take turns: seen 0/4/7 of 11); all
 * become healthy.
 */
class ReplicasStartingAtOnceIT {

    private static final int REPLICAS = 3;
    private static final Pattern MIGRATING = Pattern.compile("Migrating schema \"[^\"]+\" to version \"(\\d+) ");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"command-api, commands", "sales-projector, sales", "notification-service, notifications"})
    void threeReplicasStartedAtOnceMigrateOnceAndAllBecomeHealthy(String module, String schema) throws Exception {
        TestServers.Database database = TestServers.freshDatabase();
        Map<String, String> environment =
                new HashMap<>(TestServers.environment(database, TestServers.freshNamespace()));
        environment.put("OPS_PASSWORD", UUID.randomUUID().toString());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= REPLICAS; i++) {
            String instance = module + "-replica-" + run + "-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> ServiceProcess.start(module, instance, environment)));
        }
        List<ServiceProcess> replicas = new ArrayList<>();
        try {
            for (CompletableFuture<ServiceProcess> replica : starting) {
                replicas.add(replica.join());
            }

            assertThat(replicas)
                    .as("all healthy (start waits for /health), and still running")
                    .allMatch(ServiceProcess::isAlive);
            int migrations = migrationFiles(module, schema);
            try (Connection c = database.connect();
                    ResultSet history = c.createStatement()
                            .executeQuery("SELECT count(*), count(DISTINCT version), bool_and(success) FROM " + schema
                                    + ".flyway_schema_history WHERE version IS NOT NULL")) {
                history.next();
                assertThat(history.getInt(1)).as("applied migrations").isEqualTo(migrations);
                assertThat(history.getInt(2)).as("distinct versions").isEqualTo(migrations);
                assertThat(history.getBoolean(3)).as("all succeeded").isTrue();
            }
            List<String> migratedVersions = new ArrayList<>();
            for (ServiceProcess replica : replicas) {
                Files.readAllLines(replica.log()).stream()
                        .map(MIGRATING::matcher)
                        .filter(Matcher::find)
                        .forEach(m -> migratedVersions.add(m.group(1)));
            }
            assertThat(migratedVersions)
                    .as("each version migrated once, by one replica, over all replicas' logs")
                    .doesNotHaveDuplicates()
                    .hasSize(migrations);
        } finally {
            replicas.forEach(ServiceProcess::close);
            starting.forEach(s -> s.thenAccept(ServiceProcess::close));
        }
    }

    private static int migrationFiles(String module, String schema) throws IOException {
        Path dir = Path.of(System.getProperty("shop.services.dir", ".."))
                .resolve(module)
                .resolve("src/main/resources/db/migration")
                .resolve(schema);
        Pattern versioned = Pattern.compile("V\\d+__.+\\.sql");
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(
                            f -> versioned.matcher(f.getFileName().toString()).matches())
                    .count();
        }
    }
}
