package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two tables the payment process relies on for "once": invoice numbers without gaps under concurrency and
 * rollbacks, and deadlines that several schedulers claim with SKIP LOCKED and fire once. Real PostgreSQL, the
 * service's own migrations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentTablesIT {

    private final TestServers.Database database = TestServers.freshDatabase();

    @BeforeAll
    void migrate() {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas("commands")
                .defaultSchema("commands")
                .locations("classpath:db/migration/commands")
                .load()
                .migrate();
    }

    @Test
    void invoiceNumbersTakenConcurrentlyWithRollbacksHaveNoGapsAndNoRepeats() throws Exception {
        ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean rollBack = i % 5 == 0;
            work.add(pool.submit(() -> {
                try (Connection tx = database.connect()) {
                    tx.setAutoCommit(false);
                    String number = InvoiceNumbers.next(tx, 2031);
                    if (rollBack) {
                        tx.rollback();
                    } else {
                        tx.commit();
                        committed.add(number);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();

        assertThat(committed).hasSize(160).doesNotHaveDuplicates();
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 160; n++) {
            expected.add(Invoice.number(2031, n));
        }
        assertThat(committed).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aNumberIsTakenOnlyInsideATransaction() throws Exception {
        try (Connection autoCommit = database.connect()) {
            autoCommit.setAutoCommit(true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> InvoiceNumbers.next(autoCommit, 2032))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void fourSchedulersClaimingTheSameDueDeadlinesFireEachOnce() throws Exception {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        try (Connection tx = database.connect()) {
            tx.setAutoCommit(false);
            for (int i = 0; i < 300; i++) {
                DeadlineClaims.schedule(tx, UUID.randomUUID(), DeadlineKind.PAYMENT_DUE, now.minusSeconds(i));
            }
            DeadlineClaims.schedule(tx, UUID.randomUUID(), DeadlineKind.PAYMENT_DUE, now.plusSeconds(60)); // not due
            tx.commit();
        }
        Set<Long> fired = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Long> firings = new ConcurrentLinkedQueue<>();
        ExecutorService schedulers = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            runs.add(schedulers.submit(() -> {
                try (Connection tx = database.connect()) {
                    tx.setAutoCommit(false);
                    while (true) {
                        List<DeadlineClaims.Due> due = DeadlineClaims.claimDue(tx, now, 7);
                        if (due.isEmpty()) {
                            tx.commit();
                            return null;
                        }
                        for (DeadlineClaims.Due d : due) {
                            DeadlineClaims.fired(tx, d.id(), now);
                            firings.add(d.id());
                        }
                        if (ThreadLocalRandom.current().nextInt(10) == 0) {
                            // a scheduler that dies before its commit: its claims go back to the others
                            tx.rollback();
                            due.forEach(d -> firings.remove(d.id()));
                        } else {
                            tx.commit();
                            due.forEach(d -> fired.add(d.id()));
                        }
                    }
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        schedulers.shutdown();

        assertThat(firings).hasSize(300).doesNotHaveDuplicates();
        assertThat(fired).hasSize(300);
        assertThat(
                        count(
                                "SELECT count(*) FROM commands.payment_deadlines WHERE fired_at IS NULL AND cancelled_at IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void aSettledOrdersDeadlinesAreNoLongerDue() throws Exception {
        Instant now = Instant.parse("2030-02-01T00:00:00Z");
        UUID order = UUID.randomUUID();
        try (Connection tx = database.connect()) {
            tx.setAutoCommit(false);
            DeadlineClaims.schedule(tx, order, DeadlineKind.PAYMENT_DUE, now.minusSeconds(1));
            DeadlineClaims.schedule(tx, order, DeadlineKind.RECONCILE, now.minusSeconds(1));
            assertThat(DeadlineClaims.cancelAll(tx, order, now)).isEqualTo(2);
            assertThat(DeadlineClaims.claimDue(tx, now, 100))
                    .noneMatch(d -> d.orderId().equals(order));
            tx.commit();
        }
    }

    @Test
    void anOrdersDeadlinesAreFoundWithoutReadingOtherOrdersOnStaleStatistics() throws Exception {
        Instant now = Instant.parse("2030-03-01T00:00:00Z");
        UUID order = UUID.randomUUID();
        try (Connection tx = database.connect()) {
            tx.setAutoCommit(false);
            // What ./shop load left behind: statistics taken when every deadline was settled, then thousands open.
            tx.createStatement().execute("""
                    INSERT INTO commands.payment_deadlines (order_id, kind, due_at, cancelled_at)
                    SELECT gen_random_uuid(), 'PAYMENT_DUE', now() + interval '1 hour', now()
                    FROM generate_series(1, 2000)""");
            tx.createStatement().execute("ANALYZE commands.payment_deadlines");
            tx.createStatement().execute("""
                    INSERT INTO commands.payment_deadlines (order_id, kind, due_at)
                    SELECT gen_random_uuid(), 'PAYMENT_DUE', now() + interval '1 hour'
                    FROM generate_series(1, 10000)""");
            long before = rowsReadInThisTransaction(tx);

            assertThat(DeadlineClaims.scheduleOnce(tx, order, DeadlineKind.PAYMENT_DUE, now))
                    .isTrue();
            assertThat(DeadlineClaims.scheduleOnce(tx, order, DeadlineKind.PAYMENT_DUE, now))
                    .isFalse();
            assertThat(DeadlineClaims.cancelAll(tx, order, now)).isEqualTo(1);

            assertThat(rowsReadInThisTransaction(tx) - before).isLessThan(100);
            tx.rollback();
        }
    }

    private static long rowsReadInThisTransaction(Connection tx) throws SQLException {
        try (ResultSet row = tx.createStatement().executeQuery("""
                SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables
                WHERE schemaname = 'commands' AND relname = 'payment_deadlines'""")) {
            row.next();
            return row.getLong(1);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = database.connect();
                ResultSet row = c.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
