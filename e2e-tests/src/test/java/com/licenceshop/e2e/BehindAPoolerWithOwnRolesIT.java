package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestHttp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shop as production runs it (docs/adr/0010-connection-budget.md): each service's pool through a PgBouncer in
 * transaction mode ({@code DATABASE_URL}), what needs a session (the relay's lock and LISTEN, web-ui's LISTEN,
 * Flyway) on the database directly ({@code DATABASE_SESSION_URL}), and each service logged in as its own role
 * made by tools/database/roles.sql (L-21).
 *
 * <p>Which path uses which URL: command-api's orders, reads and feed, the projector's batches, rebuild and
 * reads, the notifier's ledger and holds, web-ui's page reads go through the pooler; command-api's outbox relay
 * (session advisory lock, LISTEN), web-ui's LISTEN connection and every service's Flyway go direct.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BehindAPoolerWithOwnRolesIT {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private ShopStack shop;

    @BeforeAll
    void startTheShopBehindPgBouncer() {
        shop = ShopStack.startBehindPgBouncer();
    }

    @AfterAll
    void stopTheShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aPurchaseIsProjectedAndMailedWithEveryPoolThroughPgBouncer() throws Exception {
        int mailsBefore = shop.smtp.getReceivedMessages().length;
        long transactionsBefore = pooledTransactions();

        var response = TestHttp.post(
                shop.commandApi().baseUrl() + "/api/orders",
                Map.of("customerEmail", "ada@example.com", "items", List.of(Map.of("sku", "STARTER", "quantity", 2))));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String orderId = (String) response.json().get("orderId");
        CardPayment.payOrFail(
                shop.commandApi().baseUrl(), orderId, (String) response.json().get("orderToken"));

        await("the order projected")
                .atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM sales.order_status WHERE order_id = '" + orderId + "'") == 1);
        await("the order mailed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> shop.smtp.getReceivedMessages().length == mailsBefore + 1);
        assertThat(Mails.text(shop.smtp.getReceivedMessages()[mailsBefore])).contains(orderId);
        var summary = TestHttp.getAs(
                shop.webUi().baseUrl() + "/api/sales/summary", ShopStack.SALES_STAFF, shop.staffPassword);
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(((Number) summary.json().get("orders")).longValue()).isEqualTo(1);

        assertThat(pooledTransactions()).as("transactions PgBouncer carried").isGreaterThan(transactionsBefore);
        assertThat(clientsOfPgBouncer())
                .as("the roles whose pools are PgBouncer's clients")
                .containsAll(shop.roles.logins().keySet());
    }

    @Test
    void theRelayAndLiveListenerHoldTheirSessionsOnTheDatabaseDirectly() throws Exception {
        Map<String, String> sessions = new HashMap<>();
        await("the relay's and web-ui's sessions")
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    sessions.clear();
                    sessions.putAll(directSessions());
                    return sessions.containsKey("outbox-relay") && sessions.containsKey("web-ui-notifications");
                });
        assertThat(sessions)
                .containsEntry("outbox-relay", shop.roles.role("command-api"))
                .containsEntry("web-ui-notifications", shop.roles.role("web-ui"));
    }

    @Test
    void eachServiceMigratedItsOwnSchemaAsItsOwnRole() throws SQLException {
        Map<String, String> schemaOf =
                Map.of("command-api", "commands", "sales-projector", "sales", "notification-service", "notifications");
        for (var entry : schemaOf.entrySet()) {
            try (Connection db = shop.connect();
                    Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT DISTINCT installed_by FROM " + entry.getValue()
                            + ".flyway_schema_history WHERE success")) {
                Set<String> installers = new HashSet<>();
                while (rows.next()) {
                    installers.add(rows.getString(1));
                }
                assertThat(installers)
                        .as("who migrated %s", entry.getValue())
                        .containsExactly(shop.roles.role(entry.getKey()));
            }
        }
    }

    @Test
    void webUiReadsTheSalesAndMailViewsButCannotWriteAnywhere() throws SQLException {
        try (Connection webUi = shop.roles.connectAs("web-ui");
                Statement statement = webUi.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM sales.current_summary")) {
                assertThat(row.next()).isTrue();
            }
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM notifications.order_mails")) {
                assertThat(row.next()).isTrue();
            }
            for (String write : List.of(
                    "DELETE FROM sales.inbox",
                    "CREATE TABLE sales.intruder (id int)",
                    "DELETE FROM notifications.mails",
                    "DELETE FROM commands.products",
                    "SELECT count(*) FROM commands.products",
                    "CREATE TABLE public.intruder (id int)")) {
                assertThatThrownBy(() -> statement.execute(write))
                        .as(write)
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    void projectorAndNotifierCannotTouchTheCommandsOrEachOthersSchema() throws SQLException {
        Map<String, List<String>> forbidden = Map.of(
                "sales-projector", List.of("DELETE FROM commands.events", "DELETE FROM notifications.mails"),
                "notification-service", List.of("DELETE FROM commands.events", "DELETE FROM sales.inbox"),
                "command-api", List.of("DELETE FROM sales.inbox", "DELETE FROM notifications.mails"));
        for (var entry : forbidden.entrySet()) {
            try (Connection service = shop.roles.connectAs(entry.getKey());
                    Statement statement = service.createStatement()) {
                for (String write : entry.getValue()) {
                    assertThatThrownBy(() -> statement.execute(write))
                            .as("%s: %s", entry.getKey(), write)
                            .isInstanceOfSatisfying(
                                    SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
                }
            }
        }
    }

    /** Transactions PgBouncer carried to the test database since it started (SHOW STATS). */
    private long pooledTransactions() {
        return console("STATS").stream()
                .filter(row -> shop.database.name().equals(row.get("database")))
                .mapToLong(row -> Long.parseLong(row.get("total_xact_count")))
                .sum();
    }

    /** The logins of PgBouncer's clients on the test database (SHOW CLIENTS). */
    private Set<String> clientsOfPgBouncer() {
        Set<String> users = new HashSet<>();
        console("CLIENTS").stream()
                .filter(row -> shop.database.name().equals(row.get("database")))
                .forEach(row -> users.add(row.get("user")));
        return users;
    }

    /**
     * Sessions on the test database that did not come through PgBouncer (their client port is none of its server
     * connections' local ports, SHOW SERVERS): application name → login.
     */
    private Map<String, String> directSessions() throws SQLException {
        Set<Integer> pgBouncersPorts = new HashSet<>();
        console("SERVERS").forEach(row -> pgBouncersPorts.add(Integer.parseInt(row.get("local_port"))));
        Map<String, String> direct = new HashMap<>();
        try (Connection db = shop.connect();
                Statement statement = db.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT application_name, usename, client_port FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rows.next()) {
                if (!pgBouncersPorts.contains(rows.getInt("client_port"))) {
                    direct.put(rows.getString("application_name"), rows.getString("usename"));
                }
            }
        }
        return direct;
    }

    private List<Map<String, String>> console(String what) {
        return shop.pgBouncer.show(shop.roles.role("command-api"), what);
    }

    private int count(String sql) throws SQLException {
        try (Connection db = shop.connect();
                ResultSet row = db.createStatement().executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
