package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.servicedefaults.UnnestColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The inbox: ids of the events a copy of the model has applied, written in the same transaction as their
 * effect. A duplicate key is a redelivery (RabbitMQ is at-least-once) or a replay, and is skipped.
 */
public final class ProcessedEvents {

    private ProcessedEvents() {}

    /**
     * Records the events and returns the ids that were not there yet. A concurrent transaction inserting the
     * same id makes this one wait for it, so an event is counted by exactly one of them.
     */
    static Set<UUID> recordNew(Connection connection, ModelTables tables, List<? extends SalesChange> changes)
            throws SQLException {
        Set<UUID> fresh = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + tables.inbox() + " (event_id, sequence) SELECT * FROM unnest(?::uuid[], ?::bigint[]) "
                        + "ON CONFLICT (event_id) DO NOTHING RETURNING event_id")) {
            UnnestColumns.of(connection, changes)
                    .uuid(SalesChange::eventId)
                    .bigint(SalesChange::sequence)
                    .bindTo(insert);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    /**
     * Records events known not to be in the inbox yet (a rebuild's first pass), with COPY. The rebuild builds
     * the inbox's key after the first pass, which fails if an event id came twice.
     */
    static void recordAllUnseen(Connection connection, ModelTables tables, List<? extends SalesChange> changes)
            throws SQLException {
        CopyRows rows = new CopyRows();
        for (SalesChange change : changes) {
            rows.field(change.eventId()).field(change.sequence()).endRow();
        }
        rows.copyInto(connection, tables.inbox() + " (event_id, sequence)");
    }

    /**
     * Sequences of the events in {@code complete}'s inbox that {@code candidate}'s lacks (the candidate must
     * hold every event of the model it replaces), among those applied since {@code since} minus {@code margin}
     * (an interval): events applied before a rebuild started were committed in the event store before its
     * copy began, so the copy has them.
     */
    public static List<Long> missingSequencesSince(
            Connection connection, ModelTables complete, ModelTables candidate, OffsetDateTime since, String margin)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT c.sequence FROM " + complete.inbox()
                + " c WHERE c.applied_at >= ?::timestamptz - ?::interval AND NOT EXISTS " + "(SELECT 1 FROM "
                + candidate.inbox() + " n WHERE n.event_id = c.event_id) ORDER BY c.sequence")) {
            select.setObject(1, since);
            select.setString(2, margin);
            try (ResultSet rows = select.executeQuery()) {
                List<Long> missing = new ArrayList<>();
                while (rows.next()) {
                    missing.add(rows.getLong(1));
                }
                return missing;
            }
        }
    }
}
