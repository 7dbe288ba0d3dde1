package com.licenceshop.projector.rebuild;

import com.licenceshop.events.ShopEvent;
import com.licenceshop.projector.feed.EventFeed;
import com.licenceshop.projector.inbox.ProcessedEvents;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesProjection;
import com.licenceshop.projector.projection.UnappliableEventException;
import com.licenceshop.projector.readmodel.ModelLocks;
import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.SalesDatabase;
import com.licenceshop.projector.readmodel.SalesModelWriter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Rebuilds the read model from the command API's event feed without downtime.
 * <ol>
 *   <li><b>COPYING</b>: fresh tables ({@code sales.rebuild_*}, same structure as the live ones) are filled from
 *       the feed in chunks, with the same writer the live path uses, while the live tables keep serving and
 *       the live projection keeps consuming.</li>
 *   <li><b>CATCHING_UP</b>: one transaction takes the live-model lock exclusively, which pauses every
 *       projector instance between batches (their next batch waits for the lock, unacknowledged). It reads
 *       the feed to its end, then checks that the new inbox holds every event the live inbox has; an event
 *       the first pass missed (sequences can commit out of order) is read again from the feed.</li>
 *   <li><b>SWAPPING</b>: in the same transaction the tables are renamed, the views re-created on the new ones
 *       and the position announced. Live batches then resume on the new tables; events they bring that the
 *       rebuild already counted are skipped by the new inbox.</li>
 * </ol>
 * Because the new model holds a superset of the events of the live one, totals never go backwards at the
 * swap. One rebuild at a time, across instances: a transaction-scoped advisory lock is held for the whole run.
 */
@Singleton
public final class RebuildSalesProjection {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildSalesProjection.class);
    private static final Duration SAVE_EVERY = Duration.ofMillis(250);
    /** Live batches committed shortly before the copy started are checked too (database clock). */
    private static final String CHECK_MARGIN = "1 minute";

    /** Another rebuild holds the lock, here or on another instance. */
    public static final class AlreadyRunningException extends Exception {
        AlreadyRunningException() {
            super("a rebuild is already running");
        }
    }

    private final SalesDatabase database;
    private final SalesModelWriter writer;
    private final EventFeed feed;
    private final RebuildStates states;
    private final RebuildSettings settings;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "rebuild-writer");
        thread.setDaemon(true);
        return thread;
    });

    RebuildSalesProjection(SalesDatabase database, SalesModelWriter writer, EventFeed feed, RebuildStates states,
                           RebuildSettings settings, Clock clock) {
        this.database = database;
        this.writer = writer;
        this.feed = feed;
        this.states = states;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a rebuild in the background; returns once it holds the rebuild lock. */
    public RebuildStatus start() throws AlreadyRunningException, SQLException {
        Connection lock = acquireRebuildLock();
        RebuildProgress progress = new RebuildProgress(clock.instant(), null);
        RebuildStatus status = progress.running(clock.instant());
        states.save(status);
        try {
            runner.submit(() -> runHoldingLock(lock, ignored -> { }));
        } catch (RuntimeException e) { // shutting down
            releaseRebuildLock(lock);
            throw e;
        }
        return status;
    }

    /** Runs a rebuild on this thread (the jar's {@code rebuild} command). */
    public RebuildStatus runHere(Consumer<RebuildStatus> onProgress) throws AlreadyRunningException, SQLException {
        return runHoldingLock(acquireRebuildLock(), onProgress);
    }

    public RebuildStatus status() throws SQLException {
        return states.load(clock.instant());
    }

    /**
     * Takes the rebuild lock in a transaction of its own connection, kept open for the whole rebuild. A
     * transaction-scoped lock ends with its transaction however the connection is given back: a session lock
     * on a pooled connection would stay with the pooled session after {@code close()}, and every later rebuild
     * would be refused (issue 11, item 2). The transaction only holds the lock: no snapshot, no row versions.
     */
    private Connection acquireRebuildLock() throws SQLException, AlreadyRunningException {
        Connection connection = database.connect();
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)");
                 ResultSet row = bind(lock, ModelLocks.REBUILD).executeQuery()) {
                row.next();
                if (row.getBoolean(1)) {
                    return connection;
                }
            }
        } catch (SQLException e) {
            releaseRebuildLock(connection);
            throw e;
        }
        releaseRebuildLock(connection);
        throw new AlreadyRunningException();
    }

    private static PreparedStatement bind(PreparedStatement statement, long key) throws SQLException {
        statement.setLong(1, key);
        return statement;
    }

    private RebuildStatus runHoldingLock(Connection lock, Consumer<RebuildStatus> onProgress) {
        try {
            return run(onProgress);
        } finally {
            releaseRebuildLock(lock);
        }
    }

    /** Ends the lock's transaction, which releases the lock, and gives the connection back. */
    private static void releaseRebuildLock(Connection lock) {
        try (lock) {
            lock.rollback();
        } catch (SQLException e) {
            // the connection broke: its session, and the transaction's lock with it, is gone
            LOG.warn("could not end the rebuild lock's transaction: {}", e.getMessage());
        }
    }

    private RebuildStatus run(Consumer<RebuildStatus> onProgress) {
        Instant startedAt = clock.instant();
        OptionalLong head = feed.headSequence();
        RebuildProgress progress = new RebuildProgress(startedAt, head.isPresent() ? head.getAsLong() : null);
        Reporter reporter = new Reporter(progress, onProgress);
        try {
            reporter.report(true); // the total is known from here on: ops see it before the first chunk
            OffsetDateTime copyStartedAt = prepareNewTables();
            LOG.info("rebuild started: copying the event feed into new tables (head sequence {})", head);
            long after = copy(progress, reporter);
            progress.phase("CATCHING_UP");
            reporter.report(true);
            long position = catchUpAndSwap(after, copyStartedAt, progress, reporter);
            RebuildStatus finished = progress.finished(clock.instant());
            states.save(finished);
            onProgress.accept(finished);
            LOG.info("rebuild finished: {} events at {} events/s, position {}", finished.done(), finished.eventsPerSecond(), position);
            return finished;
        } catch (Exception e) {
            LOG.error("rebuild failed; the live tables were not touched", e);
            dropNewTables();
            RebuildStatus failed = progress.failed(clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage());
            try {
                states.save(failed);
            } catch (SQLException saveFailed) {
                LOG.warn("could not record the failed rebuild", saveFailed);
            }
            onProgress.accept(failed);
            return failed;
        }
    }

    /** Drops what a failed rebuild may have left and creates empty tables like the live ones. */
    private OffsetDateTime prepareNewTables() throws SQLException {
        return database.inTransaction(c -> {
            try (Statement ddl = c.createStatement()) {
                for (String name : ModelTables.NAMES) {
                    ddl.execute("DROP TABLE IF EXISTS " + ModelTables.SHADOW.table(name));
                    ddl.execute("CREATE TABLE " + ModelTables.SHADOW.table(name) + " (LIKE " + ModelTables.LIVE.table(name) + " INCLUDING ALL)");
                    // autovacuum would otherwise vacuum and analyze the growing tables again and again during the
                    // load, on the cores the load needs; they are analyzed once when it is done
                    ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " SET (autovacuum_enabled = false)");
                }
                // the first pass only appends to the new inbox (COPY); its key is built once afterwards, by sorting,
                // instead of a million random inserts into a growing index
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.inbox() + " DROP CONSTRAINT " + primaryKeyOf(c, ModelTables.SHADOW.inbox()));
                ddl.execute("INSERT INTO " + ModelTables.SHADOW.periods() + " (start_sequence) VALUES (0)");
                ddl.execute("INSERT INTO " + ModelTables.SHADOW.position() + " (id, position, currency) VALUES (1, 0, 'EUR')");
                try (ResultSet now = ddl.executeQuery("SELECT now()")) {
                    now.next();
                    return now.getObject(1, OffsetDateTime.class);
                }
            }
        });
    }

    private void dropNewTables() {
        try {
            database.inTransaction(c -> {
                try (Statement ddl = c.createStatement()) {
                    for (String name : ModelTables.NAMES) {
                        ddl.execute("DROP TABLE IF EXISTS " + ModelTables.SHADOW.table(name));
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.warn("could not drop the failed rebuild's tables (the next rebuild does): {}", e.getMessage());
        }
    }

    /** Fills the new tables from the feed, one transaction per chunk; returns the last sequence read. */
    private long copy(RebuildProgress progress, Reporter reporter) throws Exception {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // a crash loses at most the last chunks of a copy that is then started over anyway
                s.execute("SET synchronous_commit = off");
            }
            long last = readToEnd(c, 0, progress, reporter, true);
            try (Statement ddl = c.createStatement()) {
                // fails on a duplicate event id, which the event store cannot have: the rebuild then stops, live untouched
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.inbox() + " ADD PRIMARY KEY (event_id)");
                for (String name : ModelTables.NAMES) {
                    ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " RESET (autovacuum_enabled)");
                    // statistics for the catch-up's queries now, and for the live queries after the swap
                    ddl.execute("ANALYZE " + ModelTables.SHADOW.table(name));
                }
            }
            c.commit();
            return last;
        }
    }

    private static String primaryKeyOf(Connection c, String table) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT conname FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'p'")) {
            select.setString(1, table);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no primary key on " + table);
                }
                return row.getString(1);
            }
        }
    }

    private long catchUpAndSwap(long after, OffsetDateTime copyStartedAt, RebuildProgress progress, Reporter reporter) throws Exception {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement pause = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    pause.setLong(1, ModelLocks.LIVE_MODEL);
                    pause.execute(); // waits for running live batches to commit; the next ones wait for us
                }
                readToEnd(c, after, progress, reporter, false);
                List<Long> missing = missingLiveEvents(c, copyStartedAt);
                if (!missing.isEmpty()) {
                    LOG.info("the first pass missed {} events applied live (first sequence {}); reading them again", missing.size(), missing.get(0));
                    readToEnd(c, missing.get(0) - 1, progress, reporter, false);
                    missing = missingLiveEvents(c, copyStartedAt);
                    if (!missing.isEmpty()) {
                        throw new IllegalStateException("the live model has " + missing.size()
                                + " events the feed does not serve (first sequence " + missing.get(0) + "); keeping the live tables");
                    }
                }
                progress.phase("SWAPPING");
                reporter.report(true);
                long position = swap(c);
                c.commit();
                return position;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private List<Long> missingLiveEvents(Connection c, OffsetDateTime copyStartedAt) throws SQLException {
        return ProcessedEvents.missingSequencesSince(c, ModelTables.LIVE, ModelTables.SHADOW, copyStartedAt, CHECK_MARGIN);
    }

    /**
     * Reads the feed from {@code after} until a page comes back short, applying it in chunks to the new
     * tables. Parsing the feed and writing to the database overlap: while one chunk is written, the next ones are
     * read. In the first pass ({@code firstPass}) each chunk commits and is loaded in BULK mode; otherwise
     * everything stays in the caller's transaction.
     */
    private long readToEnd(Connection c, long after, RebuildProgress progress, Reporter reporter, boolean firstPass) throws Exception {
        int pageSize = settings.pageSize();
        int chunkSize = settings.chunkSize();
        ChunkWriter chunks = new ChunkWriter(c, progress, reporter, firstPass);
        while (true) {
            List<SalesChange> chunk = new ArrayList<>(chunkSize);
            EventFeed.Page page = feed.read(after, pageSize, new EventFeed.Sink() {
                @Override
                public void event(ShopEvent event) throws Exception {
                    try {
                        chunk.add(SalesProjection.changeOf(event));
                    } catch (UnappliableEventException e) {
                        LOG.warn("skipping event {} (sequence {}): {}", event.eventId(), event.sequence(), e.getMessage());
                    }
                    if (chunk.size() >= chunkSize) {
                        chunks.submit(List.copyOf(chunk));
                        chunk.clear();
                    }
                }

                @Override
                public void unreadable(String line, RuntimeException reason) {
                    LOG.warn("skipping an unreadable line of the feed: {}", reason.getMessage());
                }
            });
            chunks.submit(List.copyOf(chunk));
            chunks.awaitWritten();
            after = page.lastSequence();
            if (page.lines() < pageSize) {
                return after;
            }
        }
    }

    /**
     * Writes chunks on the writer thread, one at a time, in order; the reader waits only when it is
     * {@link #CHUNKS_AHEAD} chunks ahead. With one chunk of slack the two threads kept waiting for each other
     * (parsing and writing take turns being the slower), and the cores sat ~30 % idle.
     */
    private final class ChunkWriter {
        private static final int CHUNKS_AHEAD = 3;
        private final Connection connection;
        private final RebuildProgress progress;
        private final Reporter reporter;
        private final boolean firstPass;
        private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();

        ChunkWriter(Connection connection, RebuildProgress progress, Reporter reporter, boolean firstPass) {
            this.connection = connection;
            this.progress = progress;
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
                try {
                    writer.apply(connection, ModelTables.SHADOW, chunk, SalesModelWriter.Mode.BULK);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    // an order that was there already: not the plain sequence order BULK assumes
                    connection.rollback();
                    LOG.info("a chunk of {} events names an order that exists already; applying it with upserts", chunk.size());
                    writer.apply(connection, ModelTables.SHADOW, chunk, SalesModelWriter.Mode.BULK_UPSERTING_ORDERS);
                }
                connection.commit();
            } else {
                writer.apply(connection, ModelTables.SHADOW, chunk, SalesModelWriter.Mode.SHADOW);
            }
            progress.add(chunk.size());
            reporter.report(false);
        }
    }

    /** Renames the new tables into place and re-creates the views on them; the caller commits. */
    private static long swap(Connection c) throws SQLException {
        try (Statement ddl = c.createStatement()) {
            lockViewsFirst(ddl);
            for (String name : ModelTables.NAMES) {
                ddl.execute("ALTER TABLE " + ModelTables.LIVE.table(name) + " RENAME TO retired_" + name);
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " RENAME TO " + name);
            }
            ddl.execute("SELECT " + ModelTables.SCHEMA + ".create_views()");
            for (String name : ModelTables.NAMES) {
                ddl.execute("DROP TABLE " + ModelTables.SCHEMA + ".retired_" + name);
            }
            renameIndexesToLiveNames(c);
            try (ResultSet row = ddl.executeQuery("SELECT position FROM " + ModelTables.LIVE.position())) {
                row.next();
                long position = row.getLong(1);
                SalesModelWriter.announce(c, position);
                return position;
            }
        }
    }

    /**
     * Readers lock a view before the tables under it; renaming the tables first and re-creating the views after
     * takes the same locks the other way round, and a reader caught in between deadlocked the swap. Locking the
     * views first (a view's lock covers the tables it reads) waits for those readers instead.
     */
    private static void lockViewsFirst(Statement ddl) throws SQLException {
        List<String> views = new ArrayList<>();
        try (ResultSet rows = ddl.executeQuery("SELECT format('%I.%I', schemaname, viewname) FROM pg_views WHERE schemaname = '"
                + ModelTables.SCHEMA + "' ORDER BY viewname")) {
            while (rows.next()) {
                views.add(rows.getString(1));
            }
        }
        if (!views.isEmpty()) {
            ddl.execute("LOCK TABLE " + String.join(", ", views) + " IN ACCESS EXCLUSIVE MODE");
        }
    }

    /** {@code rebuild_orders_pkey} becomes {@code orders_pkey}, so the next rebuild's copies get the same names again. */
    private static void renameIndexesToLiveNames(Connection c) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT indexname FROM pg_indexes WHERE schemaname = ? AND indexname LIKE ?")) {
            select.setString(1, ModelTables.SCHEMA);
            select.setString(2, ModelTables.SHADOW.prefix().replace("_", "\\_") + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    indexes.add(rows.getString(1));
                }
            }
        }
        try (Statement ddl = c.createStatement()) {
            for (String index : indexes) {
                ddl.execute("ALTER INDEX " + ModelTables.SCHEMA + ".\"" + index + "\" RENAME TO \""
                        + index.substring(ModelTables.SHADOW.prefix().length()) + "\"");
            }
        }
    }

    /** Saves the progress at most every {@link #SAVE_EVERY}, so many chunks do not mean many writes. */
    private final class Reporter {
        private final RebuildProgress progress;
        private final Consumer<RebuildStatus> onProgress;
        private Instant lastSaved = Instant.MIN;

        Reporter(RebuildProgress progress, Consumer<RebuildStatus> onProgress) {
            this.progress = progress;
            this.onProgress = onProgress;
        }

        void report(boolean now) throws SQLException {
            Instant at = clock.instant();
            if (!now && Duration.between(lastSaved, at).compareTo(SAVE_EVERY) < 0) {
                return;
            }
            lastSaved = at;
            RebuildStatus status = progress.running(at);
            states.save(status);
            onProgress.accept(status);
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        writerThread.shutdownNow();
    }
}
