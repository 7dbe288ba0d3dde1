package com.licenceshop.projector.rebuild;

import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.SalesModelWriter;
import com.licenceshop.servicedefaults.JdbcTransactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a pass's chunks into the new tables on the writer thread, one at a time, in order; the reader waits
 * only when it is {@link #CHUNKS_AHEAD} chunks ahead. With one chunk of slack the two threads kept waiting for
 * each other (parsing and writing take turns being the slower), and the cores sat ~30 % idle. In the first pass
 * each chunk commits and is loaded in BULK mode; otherwise everything stays in the caller's transaction.
 */
final class ChunkWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkWriter.class);
    private static final int CHUNKS_AHEAD = 3;

    private final SalesModelWriter writer;
    private final ExecutorService writerThread;
    private final Connection connection;
    private final ProgressReporter reporter;
    private final boolean firstPass;
    private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();

    ChunkWriter(
            SalesModelWriter writer,
            ExecutorService writerThread,
            Connection connection,
            ProgressReporter reporter,
            boolean firstPass) {
        this.writer = writer;
        this.writerThread = writerThread;
        this.connection = connection;
        this.reporter = reporter;
        this.firstPass = firstPass;
    }

    void submit(List<SalesChange> chunk) throws Exception {
        while (pending.size() >= CHUNKS_AHEAD) {
            awaitOldest();
        }
        if (!chunk.isEmpty()) {
            pending.add(writerThread.submit(() -> {
                write(chunk);
                return null;
            }));
        }
    }

    void awaitWritten() throws Exception {
        while (!pending.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws Exception {
        try {
            pending.remove().get();
        } catch (ExecutionException e) {
            abandonPending();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** After a failed chunk: the later ones must not be written; one may be running already, wait for it. */
    private void abandonPending() {
        pending.forEach(later -> later.cancel(false));
        for (Future<?> later : pending) {
            try {
                later.get();
            } catch (CancellationException | ExecutionException ignored) {
                // cancelled before it ran, or failed after the first failure: the rebuild fails either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        pending.clear();
    }

    private void write(List<SalesChange> chunk) throws SQLException {
        if (firstPass) {
            asynchronousCommit();
            try {
                writer.apply(connection, ModelTables.SHADOW, chunk, SalesModelWriter.Mode.BULK);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // an order that was there already: not the plain sequence order BULK assumes
                JdbcTransactions.rollback(connection);
                asynchronousCommit();
                LOG.info(
                        "a chunk of {} events names an order that exists already; applying it with upserts",
                        chunk.size());
                writer.apply(connection, ModelTables.SHADOW, chunk, SalesModelWriter.Mode.BULK_UPSERTING_ORDERS);
            }
            JdbcTransactions.commit(connection);
        } else {
            writer.apply(connection, ModelTables.SHADOW, chunk, SalesModelWriter.Mode.SHADOW);
        }
        reporter.progress().add(chunk.size());
        reporter.report(false);
    }

    /**
     * A crash loses at most the last chunks of a copy that is then started over anyway. LOCAL, for this chunk's
     * transaction only: behind a pooler in transaction mode a session SET would stay on a server connection that
     * other clients get next (docs/adr/0010-connection-budget.md).
     */
    private void asynchronousCommit() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL synchronous_commit = off");
        }
    }
}
