package com.licenceshop.command.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The durable deadlines table (ADR 13). {@link #claimDue} locks due rows with {@code FOR UPDATE SKIP LOCKED} inside
 * the caller's transaction: another instance skips them, and {@link #fired} in the same transaction makes sure no
 * one sees them due again after the commit. A crash before the commit unlocks them for the next poll.
 */
public final class DeadlineClaims {

    public record Due(long id, UUID orderId, DeadlineKind kind, Instant dueAt) {}

    private DeadlineClaims() {}

    public static void schedule(Connection tx, UUID orderId, DeadlineKind kind, Instant dueAt) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO commands.payment_deadlines (order_id, kind, due_at) VALUES (?, ?, ?)")) {
            insert.setObject(1, orderId);
            insert.setString(2, kind.name());
            insert.setTimestamp(3, Timestamp.from(dueAt));
            insert.executeUpdate();
        }
    }

    /** Like {@link #schedule}, unless the order has an open deadline of that kind already (one of each is enough). */
    public static boolean scheduleOnce(Connection tx, UUID orderId, DeadlineKind kind, Instant dueAt)
            throws SQLException {
        // Selects by order alone and tests "open" in the select list: a WHERE with "fired_at IS NULL AND cancelled_at
        // IS NULL" lets the planner scan every open deadline through payment_deadlines_due on stale statistics.
        try (PreparedStatement open = tx.prepareStatement("""
                SELECT fired_at IS NULL AND cancelled_at IS NULL FROM commands.payment_deadlines
                WHERE order_id = ? AND kind = ?""")) {
            open.setObject(1, orderId);
            open.setString(2, kind.name());
            try (ResultSet rows = open.executeQuery()) {
                while (rows.next()) {
                    if (rows.getBoolean(1)) {
                        return false;
                    }
                }
            }
        }
        schedule(tx, orderId, kind, dueAt);
        return true;
    }

    public static List<Due> claimDue(Connection tx, Instant now, int limit) throws SQLException {
        try (PreparedStatement claim = tx.prepareStatement("""
                SELECT id, order_id, kind, due_at FROM commands.payment_deadlines
                WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= ?
                ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setInt(2, limit);
            List<Due> due = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due(
                            rows.getLong(1),
                            rows.getObject(2, UUID.class),
                            DeadlineKind.valueOf(rows.getString(3)),
                            rows.getTimestamp(4).toInstant()));
                }
            }
            return due;
        }
    }

    public static void fired(Connection tx, long id, Instant now) throws SQLException {
        try (PreparedStatement fire = tx.prepareStatement(
                "UPDATE commands.payment_deadlines SET fired_at = ? WHERE id = ? AND fired_at IS NULL")) {
            fire.setTimestamp(1, Timestamp.from(now));
            fire.setLong(2, id);
            if (fire.executeUpdate() != 1) {
                throw new IllegalStateException("deadline " + id + " was not claimed by this transaction");
            }
        }
    }

    /**
     * Every open deadline of the order: it is settled (paid, expired, refunded). One that a scheduler holds right now is
     * skipped, not waited for (it took its rows before the process lock, this caller the other way round): it fires
     * after this commit, meets the settled state and decides nothing.
     */
    public static int cancelAll(Connection tx, UUID orderId, Instant now) throws SQLException {
        // "Open" is tested on the locked rows, never on the updated table, for the reason given in scheduleOnce.
        try (PreparedStatement cancel = tx.prepareStatement("""
                WITH mine AS (SELECT id, fired_at, cancelled_at FROM commands.payment_deadlines
                              WHERE order_id = ? FOR UPDATE SKIP LOCKED)
                UPDATE commands.payment_deadlines d SET cancelled_at = ?
                FROM mine WHERE d.id = mine.id AND mine.fired_at IS NULL AND mine.cancelled_at IS NULL""")) {
            cancel.setObject(1, orderId);
            cancel.setTimestamp(2, Timestamp.from(now));
            return cancel.executeUpdate();
        }
    }
}
