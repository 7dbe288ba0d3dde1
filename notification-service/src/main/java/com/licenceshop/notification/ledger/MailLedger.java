package com.licenceshop.notification.ledger;

import com.licenceshop.events.Topology;
import com.licenceshop.notification.mail.MailIntent;
import com.licenceshop.servicedefaults.JdbcTransactions;
import com.licenceshop.servicedefaults.UnnestColumns;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code notifications.mails}: one row per event, the record of what was sent. It is what makes "one mail per
 * event" hold: a mail is sent only by the delivery that holds it, and never once its row is SENT.
 *
 * <p>Each method is one short transaction, for a whole batch of mails. While mails are sent, only their
 * {@link Hold} (advisory locks, no row lock) stays open.
 */
@Singleton
public class MailLedger {

    private static final int MAX_ERROR_LENGTH = 2000;

    private final TransactionOperations<Connection> transactions;
    private final DataSource lockConnections;
    private final Clock clock;

    MailLedger(TransactionOperations<Connection> transactions, DataSource dataSource, Clock clock) {
        this.transactions = transactions;
        // the pool itself: a hold's connection lives outside Micronaut's transaction management
        this.lockConnections = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
    }

    /** One mail to take: {@code reopenFailed} for a re-driven message, whose FAILED mail becomes sendable again. */
    public record Request(MailIntent intent, boolean reopenFailed) {}

    /** {@link #claim(List)} for one mail. */
    public Claim claim(MailIntent intent, boolean reopenFailed) {
        Batch batch = claim(List.of(new Request(intent, reopenFailed)));
        Claim claim = batch.claims().get(0);
        if (!(claim instanceof Claim.Claimed)) {
            batch.close();
        }
        return claim;
    }

    /**
     * Takes the mails of a batch of events for sending, those that no other delivery holds and that are still to
     * be sent; the answer has one {@link Claim} per request, in order.
     *
     * <p>The hold is a transaction-scoped advisory lock per event, taken with {@code pg_try_advisory_xact_lock} in
     * one statement on a connection of its own that stays in its transaction until {@link Batch#close()}. Of
     * concurrent deliveries of an event (redeliveries, replays, several instances) exactly one gets it; a second
     * copy of an event in the same batch is {@link Claim.Busy}. If the holder dies, its connection dies with it
     * and PostgreSQL releases the locks at once, so redelivered messages go on right away.
     *
     * <p>Under the locks, one short committed transaction records the new mails and counts the attempts with one
     * conditional upsert that leaves SENT (and, unless re-driven, FAILED) rows alone. The attempts are committed
     * before the send: a crash during the send leaves the rows PENDING with the attempt counted.
     */
    public Batch claim(List<Request> requests) {
        Hold hold = Hold.take(
                lockConnections,
                requests.stream().map(r -> r.intent().eventId()).toList());
        try {
            Claim[] claims = new Claim[requests.size()];
            Map<UUID, Integer> held = new LinkedHashMap<>();
            for (int i = 0; i < requests.size(); i++) {
                UUID eventId = requests.get(i).intent().eventId();
                if (!hold.holds(i) || held.containsKey(eventId)) {
                    claims[i] = new Claim.Busy();
                } else {
                    held.put(eventId, i);
                }
            }
            if (!held.isEmpty()) {
                recordAttempts(requests, held, claims, hold);
            }
            return new Batch(List.of(claims), hold);
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
    }

    private void recordAttempts(List<Request> requests, Map<UUID, Integer> held, Claim[] claims, Hold hold) {
        Instant now = clock.instant();
        List<MailIntent> intents =
                held.values().stream().map(i -> requests.get(i).intent()).toList();
        List<UUID> reopen = held.values().stream()
                .filter(i -> requests.get(i).reopenFailed())
                .map(i -> requests.get(i).intent().eventId())
                .toList();
        transactions.executeWrite(status -> {
            Connection db = status.getConnection();
            // one statement: a new mail is recorded with its first attempt; a PENDING one (or a re-driven FAILED
            // one) counts one more; a SENT or FAILED one is left alone and not returned
            try (PreparedStatement take = db.prepareStatement("""
                    INSERT INTO notifications.mails AS m (event_id, order_id, kind, recipient, status, attempts, created_at, updated_at)
                    SELECT e, o, k, r, 'PENDING', 1, ?, ? FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[]) AS t(e, o, k, r)
                    ON CONFLICT (event_id) DO UPDATE
                       SET status = 'PENDING', attempts = m.attempts + 1, next_attempt_at = NULL, updated_at = EXCLUDED.updated_at
                     WHERE m.status = 'PENDING' OR (m.status = 'FAILED' AND m.event_id = ANY(?::uuid[]))
                    RETURNING event_id, attempts""")) {
                take.setTimestamp(1, Timestamp.from(now));
                take.setTimestamp(2, Timestamp.from(now));
                int next = UnnestColumns.of(db, intents)
                        .uuid(MailIntent::eventId)
                        .uuid(MailIntent::orderId)
                        .text(intent -> intent.kind().name())
                        .text(MailIntent::recipient)
                        .bindTo(take, 3);
                UnnestColumns.of(db, reopen).uuid(id -> id).bindTo(take, next);
                try (ResultSet taken = take.executeQuery()) {
                    while (taken.next()) {
                        claims[held.get(taken.getObject(1, UUID.class))] = new Claim.Claimed(taken.getInt(2), hold);
                    }
                }
            }
            readLeftAlone(db, held, claims);
            return null;
        });
    }

    /** The mails the upsert left alone are SENT or FAILED: their claims say so. */
    private static void readLeftAlone(Connection db, Map<UUID, Integer> held, Claim[] claims) throws SQLException {
        List<UUID> others = held.entrySet().stream()
                .filter(e -> claims[e.getValue()] == null)
                .map(Map.Entry::getKey)
                .toList();
        if (others.isEmpty()) {
            return;
        }
        try (PreparedStatement read = db.prepareStatement(
                "SELECT event_id, status, message_id, sent_at, last_error FROM notifications.mails WHERE event_id = ANY(?::uuid[])")) {
            UnnestColumns.of(db, others).uuid(id -> id).bindTo(read);
            try (ResultSet row = read.executeQuery()) {
                while (row.next()) {
                    int index = held.get(row.getObject("event_id", UUID.class));
                    claims[index] = MailStatus.valueOf(row.getString("status")) == MailStatus.SENT
                            ? new Claim.AlreadySent(row.getString("message_id"), instant(row, "sent_at"))
                            : new Claim.AlreadyFailed(row.getString("last_error"));
                }
            }
        }
    }

    /** The server took the mail: SENT, for good (see {@link #record(Outcomes)}). */
    public void markSent(MailIntent intent, Instant sentAt) {
        Outcomes outcomes = new Outcomes();
        outcomes.sent(intent, sentAt);
        record(outcomes);
    }

    /**
     * Records the outcomes of a batch of sends in one transaction: SENT rows for good (announced with
     * {@code NOTIFY mail_sent, '<order id>'} each, which PostgreSQL delivers only on commit), retries with their
     * due time, FAILED with the reason (a mail that was SENT meanwhile stays SENT).
     */
    public void record(Outcomes outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            Connection db = status.getConnection();
            if (!outcomes.sent.isEmpty()) {
                recordSent(db, outcomes.sent, now);
            }
            if (!outcomes.retries.isEmpty()) {
                recordRetries(db, outcomes.retries, now);
            }
            if (!outcomes.failures.isEmpty()) {
                recordFailures(db, outcomes.failures, now);
            }
            return null;
        });
    }

    /** One statement: the rows SENT, and a NOTIFY per mail with its order id. */
    private static void recordSent(Connection db, List<Sent> sent, Instant now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                WITH sent AS (
                    UPDATE notifications.mails m
                       SET status = 'SENT', message_id = t.message_id, sent_at = t.sent_at, next_attempt_at = NULL, updated_at = ?
                      FROM unnest(?::uuid[], ?::text[], ?::timestamptz[]) AS t(event_id, message_id, sent_at)
                     WHERE m.event_id = t.event_id
                    RETURNING m.order_id)
                SELECT pg_notify(?, order_id::text) FROM sent""")) {
            update.setTimestamp(1, Timestamp.from(now));
            int next = UnnestColumns.of(db, sent)
                    .uuid(s -> s.intent().eventId())
                    .text(s -> s.intent().messageId())
                    .timestamptz(Sent::at)
                    .bindTo(update, 2);
            update.setString(next, Topology.mailSentChannel());
            update.execute();
        }
    }

    private static void recordRetries(Connection db, List<Retry> retries, Instant now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE notifications.mails m
                   SET last_error = t.error, next_attempt_at = t.due, updated_at = ?
                  FROM unnest(?::uuid[], ?::text[], ?::timestamptz[]) AS t(event_id, error, due)
                 WHERE m.event_id = t.event_id AND m.status = 'PENDING'""")) {
            update.setTimestamp(1, Timestamp.from(now));
            UnnestColumns.of(db, retries)
                    .uuid(Retry::eventId)
                    .text(r -> truncate(r.error()))
                    .timestamptz(Retry::due)
                    .bindTo(update, 2);
            update.executeUpdate();
        }
    }

    private static void recordFailures(Connection db, List<Failure> failures, Instant now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("""
                UPDATE notifications.mails m
                   SET status = 'FAILED', last_error = t.error, next_attempt_at = NULL, updated_at = ?
                  FROM unnest(?::uuid[], ?::text[]) AS t(event_id, error)
                 WHERE m.event_id = t.event_id AND m.status <> 'SENT'""")) {
            update.setTimestamp(1, Timestamp.from(now));
            UnnestColumns.of(db, failures)
                    .uuid(Failure::eventId)
                    .text(f -> truncate(f.error()))
                    .bindTo(update, 2);
            update.executeUpdate();
        }
    }

    /** What a batch of sends came to, for {@link #record(Outcomes)}. */
    public static final class Outcomes {
        private final List<Sent> sent = new ArrayList<>();
        private final List<Retry> retries = new ArrayList<>();
        private final List<Failure> failures = new ArrayList<>();

        public void sent(MailIntent intent, Instant at) {
            sent.add(new Sent(intent, at));
        }

        public void retry(UUID eventId, String error, Instant due) {
            retries.add(new Retry(eventId, error, due));
        }

        public void failed(UUID eventId, String error) {
            failures.add(new Failure(eventId, error));
        }

        boolean isEmpty() {
            return sent.isEmpty() && retries.isEmpty() && failures.isEmpty();
        }
    }

    private record Sent(MailIntent intent, Instant at) {}

    private record Retry(UUID eventId, String error, Instant due) {}

    private record Failure(UUID eventId, String error) {}

    /** The claims of a batch, in request order, and the hold on those that were taken. Close it after recording. */
    public record Batch(List<Claim> claims, Hold hold) implements AutoCloseable {
        @Override
        public void close() {
            hold.close();
        }
    }

    /** A send failed and will be retried at about {@code nextAttemptAt}. */
    public void recordRetry(UUID eventId, String error, Instant nextAttemptAt) {
        Outcomes outcomes = new Outcomes();
        outcomes.retry(eventId, error, nextAttemptAt);
        record(outcomes);
    }

    /** Given up: FAILED with the reason, the event parked for ops. A mail that was SENT meanwhile stays SENT. */
    public void markFailed(UUID eventId, String error) {
        Outcomes outcomes = new Outcomes();
        outcomes.failed(eventId, error);
        record(outcomes);
    }

    /** The most recently changed mails in this status, newest first. */
    public List<MailRecord> findByStatus(MailStatus wanted, int limit) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT event_id, order_id, kind, recipient, status, attempts, last_error, message_id, sent_at,
                           next_attempt_at, created_at, updated_at
                      FROM notifications.mails
                     WHERE status = ?
                     ORDER BY updated_at DESC
                     LIMIT ?""")) {
                query.setString(1, wanted.name());
                query.setInt(2, limit);
                List<MailRecord> mails = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        mails.add(new MailRecord(
                                row.getObject("event_id", UUID.class),
                                row.getObject("order_id", UUID.class),
                                row.getString("kind"),
                                row.getString("recipient"),
                                MailStatus.valueOf(row.getString("status")),
                                row.getInt("attempts"),
                                row.getString("last_error"),
                                row.getString("message_id"),
                                instant(row, "sent_at"),
                                instant(row, "next_attempt_at"),
                                instant(row, "created_at"),
                                instant(row, "updated_at")));
                    }
                }
                return mails;
            }
        });
    }

    /**
     * A delivery's hold on one event's mail: an advisory lock in an open transaction on a connection of its own.
     * Closing it ends the transaction and so releases the lock; so does the death of the process.
     */
    public static final class Hold implements AutoCloseable {

        /** First key of the two-key advisory lock: keeps our locks apart from any other service's. */
        private static final int LOCK_SPACE = 0x6d61696c; // "mail"

        private static final Logger LOG = LoggerFactory.getLogger(Hold.class);

        private final Connection connection;
        private final boolean[] taken;
        private boolean closed;

        private Hold(Connection connection, boolean[] taken) {
            this.connection = connection;
            this.taken = taken;
        }

        /** Whether this hold has the {@code index}-th event it was asked for (another delivery has it otherwise). */
        boolean holds(int index) {
            return taken[index];
        }

        /** Tries to take each event's lock in one statement; the hold keeps those it got (possibly none). */
        static Hold take(DataSource pool, List<UUID> eventIds) {
            Connection connection = null;
            try {
                connection = pool.getConnection();
                JdbcTransactions.begin(connection);
                boolean[] taken = new boolean[eventIds.size()];
                try (PreparedStatement lock = connection.prepareStatement(
                        "SELECT pg_try_advisory_xact_lock(?, k) FROM unnest(?::int[]) WITH ORDINALITY AS t(k, i) ORDER BY i")) {
                    lock.setInt(1, LOCK_SPACE);
                    // two events sharing these 32 bits only wait for each other; the same event always shares them
                    UnnestColumns.of(connection, eventIds)
                            .integer(UUID::hashCode)
                            .bindTo(lock, 2);
                    try (ResultSet rows = lock.executeQuery()) {
                        for (int i = 0; rows.next(); i++) {
                            taken[i] = rows.getBoolean(1);
                        }
                    }
                }
                return new Hold(connection, taken);
            } catch (SQLException e) {
                if (connection != null) {
                    end(connection);
                }
                throw new IllegalStateException(
                        "cannot take the hold on " + eventIds.size() + " event(s): " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                end(connection);
            }
        }

        private static void end(Connection connection) {
            JdbcTransactions.end(connection);
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("could not return the hold's connection: {}", e.getMessage());
            }
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
