package com.licenceshop.notification.ledger;

import com.licenceshop.events.Topology;
import com.licenceshop.notification.mail.MailIntent;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code notifications.mails}: one row per event, the record of what was sent. It is what makes "one mail per
 * event" hold: a mail is sent only by the delivery that holds it, and never once its row is SENT.
 *
 * <p>Each method is one short transaction. While a mail is sent, only its {@link Hold} (an advisory lock, no
 * row lock) stays open.
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

    /**
     * Takes the event's mail for sending, if no other delivery holds it and it is still to be sent.
     *
     * <p>The hold is a transaction-scoped advisory lock on the event, taken with {@code pg_try_advisory_xact_lock}
     * on a connection of its own that stays in its transaction until {@link Hold#close()}. Of concurrent
     * deliveries (redeliveries, replays, several instances) exactly one gets it. If the holder dies, its
     * connection dies with it and PostgreSQL releases the lock at once, so the redelivered message can go on
     * right away instead of waiting for a lease to expire.
     *
     * <p>Under the lock, one short committed transaction records the mail if it is new and counts the attempt
     * with a conditional UPDATE that refuses SENT (and, unless re-driven, FAILED) rows. The attempt is committed
     * before the send: a crash during the send leaves the row PENDING with the attempt counted.
     *
     * @param reopenFailed true for a re-driven message: a FAILED mail becomes sendable again
     */
    public Claim claim(MailIntent intent, boolean reopenFailed) {
        Hold hold = Hold.take(lockConnections, intent.eventId());
        if (hold == null) {
            return new Claim.Busy();
        }
        try {
            Claim claim = recordAttempt(intent, reopenFailed, hold);
            if (!(claim instanceof Claim.Claimed)) {
                hold.close();
            }
            return claim;
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
    }

    private Claim recordAttempt(MailIntent intent, boolean reopenFailed, Hold hold) {
        Instant now = clock.instant();
        return transactions.executeWrite(status -> {
            Connection db = status.getConnection();
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO notifications.mails (event_id, order_id, kind, recipient, status, attempts, created_at, updated_at)
                    VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)
                    ON CONFLICT (event_id) DO NOTHING""")) {
                insert.setObject(1, intent.eventId());
                insert.setObject(2, intent.orderId());
                insert.setString(3, intent.kind().name());
                insert.setString(4, intent.recipient());
                insert.setTimestamp(5, Timestamp.from(now));
                insert.setTimestamp(6, Timestamp.from(now));
                insert.executeUpdate();
            }
            try (PreparedStatement take = db.prepareStatement("""
                    UPDATE notifications.mails
                       SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = NULL, updated_at = ?
                     WHERE event_id = ?
                       AND (status = 'PENDING' OR (status = 'FAILED' AND ?))
                    RETURNING attempts""")) {
                take.setTimestamp(1, Timestamp.from(now));
                take.setObject(2, intent.eventId());
                take.setBoolean(3, reopenFailed);
                try (ResultSet taken = take.executeQuery()) {
                    if (taken.next()) {
                        return new Claim.Claimed(taken.getInt(1), hold);
                    }
                }
            }
            try (PreparedStatement read = db.prepareStatement(
                    "SELECT status, message_id, sent_at, last_error FROM notifications.mails WHERE event_id = ?")) {
                read.setObject(1, intent.eventId());
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    if (MailStatus.valueOf(row.getString("status")) == MailStatus.SENT) {
                        return new Claim.AlreadySent(row.getString("message_id"), instant(row, "sent_at"));
                    }
                    return new Claim.AlreadyFailed(row.getString("last_error"));
                }
            }
        });
    }

    /**
     * The server took the mail: SENT, for good. Announces it with {@code NOTIFY mail_sent, '<order id>'}, which
     * PostgreSQL delivers only when this transaction commits.
     */
    public void markSent(MailIntent intent, Instant sentAt) {
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            Connection db = status.getConnection();
            try (PreparedStatement sent = db.prepareStatement("""
                    UPDATE notifications.mails
                       SET status = 'SENT', message_id = ?, sent_at = ?, next_attempt_at = NULL, updated_at = ?
                     WHERE event_id = ?""")) {
                sent.setString(1, intent.messageId());
                sent.setTimestamp(2, Timestamp.from(sentAt));
                sent.setTimestamp(3, Timestamp.from(now));
                sent.setObject(4, intent.eventId());
                sent.executeUpdate();
            }
            try (PreparedStatement notify = db.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, Topology.mailSentChannel());
                notify.setString(2, intent.orderId().toString());
                notify.execute();
            }
            return null;
        });
    }

    /** A send failed and will be retried at about {@code nextAttemptAt}. */
    public void recordRetry(UUID eventId, String error, Instant nextAttemptAt) {
        update("""
                UPDATE notifications.mails
                   SET last_error = ?, next_attempt_at = ?, updated_at = ?
                 WHERE event_id = ? AND status = 'PENDING'""", eventId, error, nextAttemptAt);
    }

    /** Given up: FAILED with the reason, the event parked for ops. A mail that was SENT meanwhile stays SENT. */
    public void markFailed(UUID eventId, String error) {
        update("""
                UPDATE notifications.mails
                   SET status = 'FAILED', last_error = ?, next_attempt_at = ?, updated_at = ?
                 WHERE event_id = ? AND status <> 'SENT'""", eventId, error, null);
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
                        mails.add(new MailRecord(row.getObject("event_id", UUID.class), row.getObject("order_id", UUID.class),
                                row.getString("kind"), row.getString("recipient"), MailStatus.valueOf(row.getString("status")),
                                row.getInt("attempts"), row.getString("last_error"), row.getString("message_id"),
                                instant(row, "sent_at"), instant(row, "next_attempt_at"), instant(row, "created_at"),
                                instant(row, "updated_at")));
                    }
                }
                return mails;
            }
        });
    }

    private void update(String sql, UUID eventId, String error, Instant nextAttemptAt) {
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement(sql)) {
                update.setString(1, truncate(error));
                update.setTimestamp(2, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
                update.setTimestamp(3, Timestamp.from(now));
                update.setObject(4, eventId);
                update.executeUpdate();
            }
            return null;
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

        private Hold(Connection connection) {
            this.connection = connection;
        }

        /** The hold, or null when another delivery has it. */
        static Hold take(DataSource pool, UUID eventId) {
            Connection connection = null;
            try {
                connection = pool.getConnection();
                connection.setAutoCommit(false);
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)")) {
                    lock.setInt(1, LOCK_SPACE);
                    // two events sharing these 32 bits only wait for each other; the same event always shares them
                    lock.setInt(2, eventId.hashCode());
                    try (ResultSet taken = lock.executeQuery()) {
                        taken.next();
                        if (taken.getBoolean(1)) {
                            return new Hold(connection);
                        }
                    }
                }
                end(connection);
                return null;
            } catch (SQLException e) {
                if (connection != null) {
                    end(connection);
                }
                throw new IllegalStateException("cannot take the hold on " + eventId + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            end(connection);
        }

        private static void end(Connection connection) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                LOG.warn("could not end the hold's transaction ({}); closing its connection ends it", e.getMessage());
            }
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
