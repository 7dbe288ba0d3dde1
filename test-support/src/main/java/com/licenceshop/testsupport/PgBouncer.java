package com.licenceshop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A PgBouncer of its own in transaction pool mode in front of one test database, so a service's pooled paths meet
 * what CloudNativePG's {@code Pooler} does in production (ADR 10). Needs Debian's {@code pgbouncer}; as root it runs as
 * {@code postgres}, since PgBouncer refuses root.
 */
public final class PgBouncer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path folder;
    private final int port;
    private final String database;

    private PgBouncer(Process process, Path folder, int port, String database) {
        this.process = process;
        this.folder = folder;
        this.port = port;
        this.database = database;
    }

    /** In front of {@code database}, for these logins (user → password, as the server wants them). */
    public static PgBouncer start(TestServers.Database database, Map<String, String> logins) {
        TestServers.PostgresServer server = TestServers.postgres();
        Path binary = Path.of(System.getenv().getOrDefault("SHOP_TEST_PGBOUNCER", "/usr/sbin/pgbouncer"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no PgBouncer at " + binary
                    + ": install it (apt-get install -y pgbouncer) or set SHOP_TEST_PGBOUNCER");
        }
        int port = TestServers.freePort();
        try {
            Path folder = Files.createTempDirectory("pgbouncer-");
            StringBuilder users = new StringBuilder();
            logins.forEach((user, password) -> users.append(quoted(user))
                    .append(' ')
                    .append(quoted(password))
                    .append('\n'));
            Files.writeString(folder.resolve("userlist.txt"), users);
            Files.writeString(
                    folder.resolve("pgbouncer.ini"),
                    String.join(
                            "\n",
                            "[databases]",
                            database.name() + " = host=" + server.host() + " port=" + server.port() + " dbname="
                                    + database.name(),
                            "[pgbouncer]",
                            "listen_addr = 127.0.0.1",
                            "listen_port = " + port,
                            "unix_socket_dir =",
                            "auth_type = trust",
                            "auth_file = " + folder.resolve("userlist.txt"),
                            "pool_mode = transaction",
                            "max_client_conn = 500",
                            // per database and user: the notifier's senders each hold one across an SMTP send
                            "default_pool_size = 20",
                            // SHOW STATS / SHOW SERVERS on the admin console, for the tests' proof of which path went
                            // where
                            "admin_users = " + String.join(",", logins.keySet()),
                            // PgJDBC sends extra_float_digits at login; PgBouncer would refuse a parameter it does not
                            // track
                            "ignore_startup_parameters = extra_float_digits",
                            "logfile = " + folder.resolve("pgbouncer.log"),
                            ""));
            List<String> command = new ArrayList<>(List.of(binary.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                UserPrincipal postgres =
                        folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.setOwner(file, postgres);
                    }
                }
                Files.setOwner(folder, postgres);
                command.addAll(List.of("-u", "postgres"));
            }
            command.add(folder.resolve("pgbouncer.ini").toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("pgbouncer.out").toFile())
                    .start();
            PgBouncer bouncer = new PgBouncer(process, folder, port, database.name());
            bouncer.awaitAccepting();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer", e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * The database through this PgBouncer. {@code prepareThreshold=0}: PgBouncer 1.18 (Debian's) does not keep
     * a client's named prepared statements across transactions, which run on any server connection.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?prepareThreshold=0";
    }

    /**
     * A {@code SHOW} command on PgBouncer's admin console (database {@code pgbouncer}) as {@code user} of the user
     * list: one map (column → value) per row. Through psql: PgJDBC cannot log in there (it sends a SET the console
     * refuses).
     */
    public List<Map<String, String>> show(String user, String what) {
        try {
            Process psql = new ProcessBuilder(
                            "psql",
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(port),
                            "-U",
                            user,
                            "-d",
                            "pgbouncer",
                            "--csv",
                            "-c",
                            "SHOW " + what)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(psql.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("SHOW " + what + " on PgBouncer failed: " + out);
            }
            List<String> lines = out.lines().toList();
            String[] columns = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split(",", -1);
                Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 0; i < columns.length && i < values.length; i++) {
                    row.put(columns[i], values[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("no psql for PgBouncer's console (apt-get install postgresql-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PgBouncer's own log, for a failure's message. */
    public String log() {
        try {
            Path log = folder.resolve("pgbouncer.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private void awaitAccepting() {
        try {
            Awaitility.await("PgBouncer accepting on " + port)
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ": "
                                    + Files.readString(folder.resolve("pgbouncer.out")) + log());
                        }
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                            return true;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(
                    "PgBouncer did not accept on port " + port + " within " + STARTUP_TIMEOUT + ": " + log(), e);
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: PgBouncer closes its connections and exits
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
