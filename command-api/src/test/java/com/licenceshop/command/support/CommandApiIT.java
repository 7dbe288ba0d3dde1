package com.licenceshop.command.support;

import com.licenceshop.testsupport.TestServers;
import io.micronaut.test.support.TestPropertyProvider;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the integration tests: a fresh database and a fresh broker namespace per test class, on the real
 * PostgreSQL and RabbitMQ that {@link TestServers} finds. Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CommandApiIT implements TestPropertyProvider {

    public static final String OPS_USERNAME = "ops";
    public static final String OPS_PASSWORD =
            "ops-" + java.util.UUID.randomUUID(); // generated, as OPS_PASSWORD must be

    protected final TestServers.Database database = TestServers.freshDatabase();
    protected final String namespace = TestServers.freshNamespace();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestServers.micronautProperties(database, namespace));
        properties.put("micronaut.server.port", "-1");
        properties.put("shop.ops.username", OPS_USERNAME);
        properties.put("shop.ops.password", OPS_PASSWORD);
        properties.put("shop.relay.poll-interval", "200ms");
        properties.put("shop.relay.initial-backoff", "100ms");
        properties.put("shop.relay.max-backoff", "1s");
        properties.put("rabbitmq.network-recovery-interval", "500");
        properties.put("shop.staff.token-public-key", StaffLogin.KEYS.publicKeyText());
        // every test places its orders from one address, many to one recipient: OrderRateLimitsIT switches them on
        properties.put("shop.orders.limits.per-client", "0");
        properties.put("shop.orders.limits.per-recipient", "0");
        properties.putAll(moreProperties());
        return properties;
    }

    /** Extra properties of one test class. */
    protected Map<String, String> moreProperties() {
        return Map.of();
    }

    protected long count(String sql) throws SQLException {
        try (Connection connection = database.connect();
                ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    protected void execute(String sql) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.createStatement().execute(sql);
        }
    }
}
