package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class JdbcTransactionsTest {

    private static final PGSimpleDataSource POOL = new PGSimpleDataSource();

    @BeforeAll
    static void database() throws SQLException {
        TestServers.Database database = TestServers.freshDatabase();
        POOL.setUrl(database.jdbcUrl());
        POOL.setUser(database.username());
        POOL.setPassword(database.password());
        try (Connection connection = POOL.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (text text)");
        }
    }

    @Test
    void workThatReturnsIsCommitted() throws SQLException {
        JdbcTransactions.inTransaction(POOL, JdbcTransactions.RetryRule.never(), c -> insert(c, "kept"));

        assertThat(count("kept")).isEqualTo(1);
    }

    @Test
    void workThatThrowsLeavesNothingBehind() throws SQLException {
        assertThatThrownBy(() -> JdbcTransactions.inTransaction(POOL, JdbcTransactions.RetryRule.never(), c -> {
                    insert(c, "undone");
                    throw new IllegalStateException("the work failed");
                }))
                .hasMessage("the work failed");

        assertThat(count("undone")).isZero();
    }

    @Test
    void aSerializationFailureIsTriedAgainFromTheStart() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();

        JdbcTransactions.inTransaction(POOL, JdbcTransactions.RetryRule.onConflict(3), c -> {
            insert(c, "retried");
            if (attempts.incrementAndGet() < 3) {
                failAsAConflict(c);
            }
            return null;
        });

        assertThat(attempts).hasValue(3);
        assertThat(count("retried")).isEqualTo(1);
    }

    @Test
    void aConflictIsGivenUpAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> JdbcTransactions.inTransaction(POOL, JdbcTransactions.RetryRule.onConflict(2), c -> {
                    attempts.incrementAndGet();
                    return failAsAConflict(c);
                }))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("40001"));
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aDataErrorIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> JdbcTransactions.inTransaction(POOL, JdbcTransactions.RetryRule.onConflict(5), c -> {
                    attempts.incrementAndGet();
                    try (Statement statement = c.createStatement()) {
                        return statement.execute("SELECT 1 / 0");
                    }
                }))
                .isInstanceOf(SQLException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aSnapshotCannotWrite() {
        assertThatThrownBy(() -> JdbcTransactions.readOnlySnapshot(POOL, c -> insert(c, "never")))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
    }

    @Test
    void aCallersConnectionIsInAutoCommitAgainAfterItsTransaction() throws SQLException {
        try (Connection connection = POOL.getConnection()) {
            JdbcTransactions.inTransaction(connection, c -> insert(c, "own connection"));

            assertThat(connection.getAutoCommit()).isTrue();
        }
        assertThat(count("own connection")).isEqualTo(1);
    }

    private static int insert(Connection connection, String text) throws SQLException {
        try (var statement = connection.prepareStatement("INSERT INTO notes VALUES (?)")) {
            statement.setString(1, text);
            return statement.executeUpdate();
        }
    }

    private static boolean failAsAConflict(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.execute(
                    "DO $$ BEGIN RAISE EXCEPTION 'two writers met' USING ERRCODE = 'serialization_failure'; END $$");
        }
    }

    private static long count(String text) throws SQLException {
        try (Connection connection = POOL.getConnection();
                var statement = connection.prepareStatement("SELECT count(*) FROM notes WHERE text = ?")) {
            statement.setString(1, text);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
