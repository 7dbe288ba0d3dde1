package com.licenceshop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four services' own database roles in a test database, made by the same {@code tools/database/roles.sql} that
 * {@code ./shop up} and compose run (L-21), so tests run with the rights production has. Who owns what: README.
 */
public final class DatabaseRoles {

    /** The modules, in the order of the script's roles. */
    public static final List<String> SERVICES =
            List.of("command-api", "sales-projector", "notification-service", "web-ui");

    private static final Pattern VARIABLE = Pattern.compile(":'([a-z_]+)'");
    private static boolean staleRolesDropped;

    private final TestServers.Database database;
    private final Map<String, String> passwords;

    private DatabaseRoles(TestServers.Database database, Map<String, String> passwords) {
        this.database = database;
        this.passwords = passwords;
    }

    /** Runs roles.sql in {@code database} as the server's superuser login. */
    public static DatabaseRoles create(TestServers.Database database) {
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("role_prefix", database.name() + "_");
        for (String service : SERVICES) {
            String password = UUID.randomUUID().toString();
            passwords.put(service, password);
            variables.put(variableName(service) + "_password", password);
        }
        try (Connection admin = database.connect();
                Statement statement = admin.createStatement()) {
            dropStaleRoles(admin);
            statement.execute(withVariables(script(), variables));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot make the services' roles in " + database.name() + ": " + e.getMessage(), e);
        }
        DatabaseRoles roles = new DatabaseRoles(database, passwords);
        Runtime.getRuntime().addShutdownHook(new Thread(roles::drop, "drop-test-roles"));
        return roles;
    }

    /** The role of a module ({@code command-api}, ...). */
    public String role(String service) {
        requireKnown(service);
        return database.name() + "_" + variableName(service);
    }

    public String password(String service) {
        requireKnown(service);
        return passwords.get(service);
    }

    /** DATABASE_USER and DATABASE_PASSWORD of a module: its own login. */
    public Map<String, String> environmentOf(String service) {
        return Map.of("DATABASE_USER", role(service), "DATABASE_PASSWORD", password(service));
    }

    /** Every role → its password (a PgBouncer's user list). */
    public Map<String, String> logins() {
        Map<String, String> logins = new LinkedHashMap<>();
        SERVICES.forEach(service -> logins.put(role(service), password(service)));
        return logins;
    }

    /** A connection to the test database as a module's role. */
    public Connection connectAs(String service) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), role(service), password(service));
    }

    /** {@code :'name'} → the value as an SQL string literal; the script uses no other psql feature. */
    static String withVariables(String script, Map<String, String> variables) {
        // psql substitutes nothing in comments; their lines go, so a comment may name a variable
        String statements = script.lines()
                .filter(line -> !line.stripLeading().startsWith("--"))
                .collect(java.util.stream.Collectors.joining("\n"));
        Matcher matcher = VARIABLE.matcher(statements);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("roles.sql uses :'" + matcher.group(1) + "', which has no value");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement("'" + value.replace("'", "''") + "'"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** tools/database/roles.sql of the repository the test runs in (found upwards from the working directory). */
    static String script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("tools/database/roles.sql");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(
                "no tools/database/roles.sql above " + Path.of("").toAbsolutePath());
    }

    private static String variableName(String service) {
        return service.replace('-', '_');
    }

    private void requireKnown(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("no database role for " + service + "; one of " + SERVICES);
        }
    }

    /** At exit: the database (the roles own objects there), then the roles. */
    private void drop() {
        if ("true".equals(System.getenv("SHOP_TEST_KEEP_DATABASES"))) {
            return;
        }
        TestServers.PostgresServer server = TestServers.postgres();
        try (Connection admin =
                        DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
            for (String service : SERVICES) {
                statement.execute("DROP ROLE IF EXISTS " + role(service));
            }
        } catch (SQLException e) {
            // left for the next run's sweep of roles whose database is gone
        }
    }

    /** Roles of test databases that no longer exist (a killed run's). */
    private static synchronized void dropStaleRoles(Connection admin) throws SQLException {
        if (staleRolesDropped) {
            return;
        }
        staleRolesDropped = true;
        List<String> stale = new ArrayList<>();
        try (Statement query = admin.createStatement();
                ResultSet rows = query.executeQuery("""
                     SELECT r.rolname FROM pg_roles r
                     WHERE r.rolname LIKE 'shop\\_test\\_%'
                       AND NOT EXISTS (SELECT FROM pg_database d WHERE r.rolname LIKE d.datname || '\\_%')""")) {
            while (rows.next()) {
                stale.add(rows.getString(1));
            }
        }
        for (String role : stale) {
            try (Statement drop = admin.createStatement()) {
                drop.execute("DROP ROLE IF EXISTS \"" + role.replace("\"", "\"\"") + "\"");
            } catch (SQLException stillInUse) {
                // owns something elsewhere, or another run dropped it first
            }
        }
    }
}
