package com.licenceshop.command.feed;

import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.servicedefaults.JdbcTransactions;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import reactor.core.publisher.Flux;

/**
 * Reads the event store for the ops feed: each event's stored JSON, one per line, in sequence order, through
 * a server-side cursor so that a page of any size streams in constant memory.
 */
@Singleton
public class EventFeed {

    /** Lines are sent in chunks of about this many bytes: few enough writes, little latency. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final DataSource dataSource;
    private final FeedConfig config;

    EventFeed(DataSource dataSource, FeedConfig config) {
        // plain connections: a stream outlives the request thread's transaction context
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.config = config;
    }

    /**
     * The highest sequence below which the feed is final: no transaction that could still commit holds a
     * smaller sequence. Writers hold {@link EventStore#HORIZON_LOCK} shared from allocating a sequence to
     * commit; taking it exclusively waits for those in flight, after which every allocated sequence is either
     * committed or gone for good. Without this, a page could skip an event that commits a moment later with
     * a smaller sequence, and a client paging by "after" would never see it.
     */
    public long horizon() throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, JdbcTransactions.RetryRule.never(), connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '10s'");
                statement.execute("SELECT pg_advisory_xact_lock(" + EventStore.HORIZON_LOCK + ")");
                try (ResultSet row = statement.executeQuery("SELECT coalesce(max(sequence), 0) FROM commands.events")) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    /** Events with {@code after < sequence <= upTo}, at most {@code limit}, as NDJSON chunks. Cold and blocking. */
    Flux<byte[]> stream(long after, long upTo, int limit) {
        return Flux.generate(
                () -> new Cursor(after, upTo, limit),
                (cursor, sink) -> {
                    try {
                        byte[] chunk = cursor.nextChunk();
                        if (chunk == null) {
                            sink.complete();
                        } else {
                            sink.next(chunk);
                        }
                    } catch (SQLException e) {
                        sink.error(new IllegalStateException("event feed interrupted: " + e.getMessage(), e));
                    }
                    return cursor;
                },
                Cursor::close);
    }

    private final class Cursor {

        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK_BYTES + 4096);

        Cursor(long after, long upTo, int limit) throws SQLException {
            connection = dataSource.getConnection();
            try {
                // PostgreSQL only streams with a cursor inside a transaction
                connection.setReadOnly(true);
                JdbcTransactions.begin(connection);
                statement = connection.prepareStatement("""
                        SELECT payload::text FROM commands.events
                        WHERE sequence > ? AND sequence <= ? ORDER BY sequence LIMIT ?""");
                statement.setFetchSize(config.fetchSize());
                statement.setLong(1, after);
                statement.setLong(2, upTo);
                statement.setInt(3, limit);
                rows = statement.executeQuery();
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        byte[] nextChunk() throws SQLException {
            buffer.reset();
            while (buffer.size() < CHUNK_BYTES && rows.next()) {
                // the text as the server sent it (UTF-8): no String in between
                buffer.writeBytes(rows.getBytes(1));
                buffer.write('\n');
            }
            return buffer.size() == 0 ? null : buffer.toByteArray();
        }

        void close() {
            try (connection) {
                rows.close();
                statement.close();
                JdbcTransactions.end(connection);
                connection.setReadOnly(false);
                JdbcTransactions.autoCommit(connection);
            } catch (SQLException e) {
                // the connection is broken; the pool discards it
            }
        }
    }
}
