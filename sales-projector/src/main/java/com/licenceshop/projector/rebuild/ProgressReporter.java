package com.licenceshop.projector.rebuild;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** Saves a running rebuild's progress at most every {@link #SAVE_EVERY}, so many chunks do not mean many writes. */
final class ProgressReporter {

    private static final Duration SAVE_EVERY = Duration.ofMillis(250);

    private final RebuildProgress progress;
    private final RebuildStates states;
    private final Clock clock;
    private final Consumer<RebuildStatus> onProgress;
    private Instant lastSaved = Instant.MIN;

    ProgressReporter(RebuildProgress progress, RebuildStates states, Clock clock, Consumer<RebuildStatus> onProgress) {
        this.progress = progress;
        this.states = states;
        this.clock = clock;
        this.onProgress = onProgress;
    }

    RebuildProgress progress() {
        return progress;
    }

    /** {@code now}: save whatever the time since the last save (a phase begins, the total is known). */
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
