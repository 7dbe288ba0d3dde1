package com.licenceshop.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * The one place tests get real servers from: named by the environment, else Testcontainers, else localhost; none is a
 * failure that says what to start, never a skip. Every database and namespace is fresh, so runs can overlap (README).
 */
public final class TestServers {

    private static final Set<Integer> HANDED_OUT_PORTS = ConcurrentHashMap.newKeySet();

    private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);
    private static final String DB_PREFIX = "shop_test_";

    private static PostgresServer postgres;
    private static RabbitBroker rabbit;
    private static final List<String> databasesToDrop = new ArrayList<>();

    private TestServers() {}

    /** A PostgreSQL server and a superuser login to it (for creating databases). */
    public record PostgresServer(String host, int port, String username, String password) {
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** A new, empty database of its own, owned by the server's login. */
    public record Database(String name, String jdbcUrl, String username, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }

        /** The Micronaut properties of the default data source. */
        public Map<String, String> micronautProperties() {
            return Map.of(
                    "datasources.default.url",
                    jdbcUrl,
                    "datasources.default.username",
                    username,
                    "datasources.default.password",
                    password);
        }

        /** The environment variables the services read (see each module's README). */
        public Map<String, String> environment() {
            return Map.of("DATABASE_URL", jdbcUrl, "DATABASE_USER", username, "DATABASE_PASSWORD", password);
        }
    }

    /** A RabbitMQ broker on its AMQP port, and the URL of its management API (queue depths, clean-up). */
    public record RabbitBroker(
            String host, int port, String username, String password, String virtualHost, String managementUrl) {
        public String uri() {
            return uri(host, port);
        }

        /** The broker's URI, reached through another host and port (e.g. a {@link TcpProxy}). */
        public String uri(String viaHost, int viaPort) {
            String vhost = "/".equals(virtualHost) ? "%2F" : virtualHost;
            return "amqp://" + username + ":" + password + "@" + viaHost + ":" + viaPort + "/" + vhost;
        }
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = resolvePostgres();
            dropStaleDatabases();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(TestServers::dropDatabasesOfThisRun, "drop-test-databases"));
        }
        return postgres;
    }

    public static synchronized RabbitBroker rabbit() {
        if (rabbit == null) {
            rabbit = resolveRabbit();
        }
        return rabbit;
    }

    /** Creates an empty database for one test class (or one end-to-end run). */
    public static synchronized Database freshDatabase() {
        PostgresServer server = postgres();
        String name = DB_PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin =
                DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password())) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create test database " + name + " on " + server + ": " + e.getMessage(), e);
        }
        databasesToDrop.add(name);
        return new Database(name, server.jdbcUrl(name), server.username(), server.password());
    }

    /**
     * A namespace for exchange and queue names (see {@code Topology}) that no other run uses. Its exchanges and
     * queues are deleted when this JVM exits; those of killed runs once they are a few hours old.
     */
    public static synchronized String freshNamespace() {
        String namespace = BrokerCleanup.newNamespace();
        BrokerCleanup.deleteAtExit(rabbit(), namespace);
        return namespace;
    }

    /** Database, broker and namespace as Micronaut properties, for a {@code TestPropertyProvider}. */
    public static Map<String, String> micronautProperties(Database database, String namespace) {
        Map<String, String> properties = new HashMap<>(database.micronautProperties());
        properties.put("rabbitmq.uri", rabbit().uri());
        properties.put("shop.namespace", namespace);
        properties.putAll(LicenceSigningKeys.micronautProperties());
        return properties;
    }

    /** Database, broker and namespace as the environment of a service process. */
    public static Map<String, String> environment(Database database, String namespace) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("RABBITMQ_URI", rabbit().uri());
        env.put("SHOP_NAMESPACE", namespace);
        env.putAll(LicenceSigningKeys.environment());
        return env;
    }

    /** A real SMTP server (GreenMail) on a free port, without authentication. Stop it when done. */
    public static GreenMail startSmtp() {
        return startSmtp(freePort());
    }

    /** A real SMTP server on the given port: start a second one on the same port to end an outage. */
    public static GreenMail startSmtp(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    /**
     * A free port below the kernel's ephemeral range. Tests stop a server and start it again on the same port
     * (an SMTP outage, a service restart); a port from the ephemeral range could meanwhile become the local
     * port of some outgoing connection, and the restart would fail.
     */
    public static int freePort() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; below > 11_024 && attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(below - 10_000, below);
            if (HANDED_OUT_PORTS.contains(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", candidate));
                HANDED_OUT_PORTS.add(candidate);
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: readString gets one byte of this /proc file (it reports a size of 0)
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 49_152; // the IANA dynamic range, used by macOS and Windows
        }
    }

    private static PostgresServer resolvePostgres() {
        String url = System.getenv("SHOP_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
            var server = new PostgresServer(
                    uri.getHost(),
                    uri.getPort() < 0 ? 5432 : uri.getPort(),
                    env("SHOP_TEST_POSTGRES_USER", "postgres"),
                    env("SHOP_TEST_POSTGRES_PASSWORD", ""));
            LOG.info("PostgreSQL for tests from SHOP_TEST_POSTGRES_URL: {}:{}", server.host(), server.port());
            return server;
        }
        if (dockerAvailable()) {
            var container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            LOG.info("PostgreSQL for tests from Testcontainers: {}", container.getJdbcUrl());
            return new PostgresServer(
                    container.getHost(),
                    container.getMappedPort(5432),
                    container.getUsername(),
                    container.getPassword());
        }
        if (listening("127.0.0.1", 5432)) {
            LOG.info("PostgreSQL for tests on localhost:5432");
            return new PostgresServer(
                    "127.0.0.1",
                    5432,
                    env("SHOP_TEST_POSTGRES_USER", "postgres"),
                    env("SHOP_TEST_POSTGRES_PASSWORD", ""));
        }
        throw new IllegalStateException("""
                No PostgreSQL for the tests: SHOP_TEST_POSTGRES_URL is not set, no Docker engine answers for \
                Testcontainers, and nothing listens on localhost:5432.
                Start the local server:  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
                or name one:             SHOP_TEST_POSTGRES_URL=jdbc:postgresql://host:5432/postgres \
                SHOP_TEST_POSTGRES_USER=... SHOP_TEST_POSTGRES_PASSWORD=...""");
    }

    private static RabbitBroker resolveRabbit() {
        String uri = System.getenv("SHOP_TEST_RABBITMQ_URI");
        if (uri != null && !uri.isBlank()) {
            URI parsed = URI.create(uri);
            String[] userInfo = parsed.getUserInfo() == null
                    ? new String[] {"guest", "guest"}
                    : parsed.getUserInfo().split(":", 2);
            String path = parsed.getPath() == null || parsed.getPath().length() <= 1
                    ? "/"
                    : parsed.getPath().substring(1);
            LOG.info("RabbitMQ for tests from SHOP_TEST_RABBITMQ_URI: {}:{}", parsed.getHost(), parsed.getPort());
            return new RabbitBroker(
                    parsed.getHost(),
                    parsed.getPort() < 0 ? 5672 : parsed.getPort(),
                    userInfo[0],
                    userInfo.length > 1 ? userInfo[1] : "",
                    path,
                    env("SHOP_TEST_RABBITMQ_MANAGEMENT_URL", "http://" + parsed.getHost() + ":15672"));
        }
        if (dockerAvailable()) {
            var container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
            container.start();
            LOG.info("RabbitMQ for tests from Testcontainers: {}", container.getAmqpUrl());
            return new RabbitBroker(
                    container.getHost(),
                    container.getAmqpPort(),
                    container.getAdminUsername(),
                    container.getAdminPassword(),
                    "/",
                    container.getHttpUrl());
        }
        if (listening("127.0.0.1", 5672)) {
            LOG.info("RabbitMQ for tests on localhost:5672");
            return new RabbitBroker(
                    "127.0.0.1",
                    5672,
                    "guest",
                    "guest",
                    "/",
                    env("SHOP_TEST_RABBITMQ_MANAGEMENT_URL", "http://127.0.0.1:15672"));
        }
        throw new IllegalStateException("""
                No RabbitMQ for the tests: SHOP_TEST_RABBITMQ_URI is not set, no Docker engine answers for \
                Testcontainers, and nothing listens on localhost:5672.
                Start the local broker:  rabbitmq-server -detached
                or name one:             SHOP_TEST_RABBITMQ_URI=amqp://user:password@host:5672/vhost""");
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("SHOP_TEST_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static void dropStaleDatabases() {
        long cutoff = Instant.now().minus(3, ChronoUnit.HOURS).getEpochSecond();
        try (Connection admin = adminConnection()) {
            var rows = admin.createStatement()
                    .executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + DB_PREFIX + "%'");
            List<String> stale = new ArrayList<>();
            while (rows.next()) {
                String name = rows.getString(1);
                String[] parts = name.substring(DB_PREFIX.length()).split("_");
                try {
                    if (Long.parseLong(parts[0]) < cutoff) {
                        stale.add(name);
                    }
                } catch (NumberFormatException notOurs) {
                    // a name we did not make: leave it alone
                }
            }
            for (String name : stale) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            LOG.warn("could not drop stale test databases: {}", e.getMessage());
        }
    }

    private static synchronized void dropDatabasesOfThisRun() {
        if ("true".equalsIgnoreCase(System.getenv("SHOP_TEST_KEEP_DATABASES"))) {
            return;
        }
        try (Connection admin = adminConnection()) {
            for (String name : databasesToDrop) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            // the JVM is exiting; the next run drops what is left once it is old enough
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
    }
}
