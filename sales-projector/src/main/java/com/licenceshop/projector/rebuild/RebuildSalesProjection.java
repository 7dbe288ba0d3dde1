package com.licenceshop.projector.rebuild;

import com.licenceshop.events.ShopEvent;
import com.licenceshop.projector.feed.EventFeed;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesProjection;
import com.licenceshop.projector.projection.UnappliableEventException;
import com.licenceshop.projector.readmodel.ModelLocks;
import com.licenceshop.projector.readmodel.SalesDatabase;
import com.licenceshop.projector.readmodel.SalesModelWriter;
import com.licenceshop.servicedefaults.JdbcTransactions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the read model from the command API's feed without downtime: copy into new tables, catch up under the
 * live-model lock, swap in the same transaction, so totals never go backwards. The phases in detail: README,
 * "Rebuild without downtime".
 */
@Singleton
public final class RebuildSalesProjection {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildSalesProjection.class);

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
    private final RebuildConfig config;
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

    RebuildSalesProjection(
            SalesDatabase database,
            SalesModelWriter writer,
            EventFeed feed,
            RebuildStates states,
            RebuildConfig config,
            Clock clock) {
        this.database = database;
        this.writer = writer;
        this.feed = feed;
        this.states = states;
        this.config = config;
        this.clock = clock;
    }

    /** Starts a rebuild in the background; returns once it holds the rebuild lock. */
    public RebuildStatus start() throws AlreadyRunningException, SQLException {
        RebuildLock lock = RebuildLock.acquire(database);
        RebuildProgress progress = new RebuildProgress(clock.instant(), null);
        RebuildStatus status = progress.running(clock.instant());
        try {
            states.save(status);
            runner.submit(() -> runHoldingLock(lock, ignored -> {}));
        } catch (SQLException | RuntimeException e) { // the database went away, or shutting down: free the lock
            lock.close();
            throw e;
        }
        return status;
    }

    /** Runs a rebuild on this thread (the jar's {@code rebuild} command). */
    public RebuildStatus runHere(Consumer<RebuildStatus> onProgress) throws AlreadyRunningException, SQLException {
        return runHoldingLock(RebuildLock.acquire(database), onProgress);
    }

    public RebuildStatus status() throws SQLException {
        return states.load(clock.instant());
    }

    private RebuildStatus runHoldingLock(RebuildLock lock, Consumer<RebuildStatus> onProgress) {
        try (lock) {
            return run(onProgress);
        }
    }

    private RebuildStatus run(Consumer<RebuildStatus> onProgress) {
        Instant startedAt = clock.instant();
        OptionalLong head = feed.headSequence();
        RebuildProgress progress = new RebuildProgress(startedAt, head.isPresent() ? head.getAsLong() : null);
        ProgressReporter reporter = new ProgressReporter(progress, states, clock, onProgress);
        try {
            reporter.report(true); // the total is known from here on: ops see it before the first chunk
            OffsetDateTime copyStartedAt = ShadowTables.create(database);
            LOG.info("rebuild started: copying the event feed into new tables (head sequence {})", head);
            long after = copy(reporter);
            progress.phase("CATCHING_UP");
            reporter.report(true);
            long position = catchUpAndSwap(after, copyStartedAt, reporter);
            RebuildStatus finished = progress.finished(clock.instant());
            states.save(finished);
            onProgress.accept(finished);
            LOG.info(
                    "rebuild finished: {} events at {} events/s, position {}",
                    finished.done(),
                    finished.eventsPerSecond(),
                    position);
            return finished;
        } catch (Exception e) {
            LOG.error("rebuild failed; the live tables were not touched", e);
            ShadowTables.drop(database);
            RebuildStatus failed =
                    progress.failed(clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage());
            try {
                states.save(failed);
            } catch (SQLException saveFailed) {
                LOG.warn("could not record the failed rebuild", saveFailed);
            }
            onProgress.accept(failed);
            return failed;
        }
    }

    /** COPYING: fills the new tables from the feed, one transaction per chunk; returns the last sequence read. */
    private long copy(ProgressReporter reporter) throws Exception {
        try (Connection c = database.connect()) {
            JdbcTransactions.begin(c);
            // each chunk commits asynchronously, in its own transaction (ChunkWriter)
            long last = readToEnd(c, 0, reporter, true);
            ShadowTables.finishFirstPass(c);
            JdbcTransactions.commit(c);
            return last;
        }
    }

    /** CATCHING_UP and SWAPPING, in one transaction that holds the live model's lock exclusively. */
    private long catchUpAndSwap(long after, OffsetDateTime copyStartedAt, ProgressReporter reporter) throws Exception {
        try (Connection c = database.connect()) {
            JdbcTransactions.begin(c);
            try {
                pauseLiveBatches(c);
                readToEnd(c, after, reporter, false);
                List<Long> missing = ShadowTables.missingLiveEvents(c, copyStartedAt);
                if (!missing.isEmpty()) {
                    LOG.info(
                            "the first pass missed {} events applied live (first sequence {}); reading them again",
                            missing.size(),
                            missing.get(0));
                    readToEnd(c, missing.get(0) - 1, reporter, false);
                    missing = ShadowTables.missingLiveEvents(c, copyStartedAt);
                    if (!missing.isEmpty()) {
                        throw new IllegalStateException("the live model has " + missing.size()
                                + " events the feed does not serve (first sequence " + missing.get(0)
                                + "); keeping the live tables");
                    }
                }
                reporter.progress().phase("SWAPPING");
                reporter.report(true);
                long position = TableSwap.swap(c);
                JdbcTransactions.commit(c);
                return position;
            } catch (Exception e) {
                JdbcTransactions.end(c);
                throw e;
            }
        }
    }

    /** Waits for running live batches to commit; the next ones wait for this transaction. */
    private static void pauseLiveBatches(Connection c) throws SQLException {
        try (PreparedStatement pause = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            pause.setLong(1, ModelLocks.LIVE_MODEL);
            pause.execute();
        }
    }

    /**
     * Reads the feed from {@code after} until a page comes back short, applying it in chunks to the new
     * tables. Parsing the feed and writing to the database overlap: while one chunk is written, the next ones are
     * read ({@link ChunkWriter}).
     */
    private long readToEnd(Connection c, long after, ProgressReporter reporter, boolean firstPass) throws Exception {
        int pageSize = config.pageSize();
        int chunkSize = config.chunkSize();
        ChunkWriter chunks = new ChunkWriter(writer, writerThread, c, reporter, firstPass);
        while (true) {
            List<SalesChange> chunk = new ArrayList<>(chunkSize);
            EventFeed.Page page = feed.read(after, pageSize, new EventFeed.Sink() {
                @Override
                public void event(ShopEvent event) throws Exception {
                    try {
                        chunk.add(SalesProjection.changeOf(event));
                    } catch (UnappliableEventException e) {
                        LOG.warn(
                                "skipping event {} (sequence {}): {}",
                                event.eventId(),
                                event.sequence(),
                                e.getMessage());
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

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        writerThread.shutdownNow();
    }
}
