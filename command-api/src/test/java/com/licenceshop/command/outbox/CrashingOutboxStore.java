package com.licenceshop.command.outbox;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Fails like a crash right after the broker confirmed and before the rows are stamped published. */
@Singleton
@Replaces(OutboxStore.class)
@Requires(property = "spec.name", value = "RelayCrashIT")
class CrashingOutboxStore extends OutboxStore {

    private final AtomicInteger crashesLeft = new AtomicInteger();

    void crashOnNextStamps(int times) {
        crashesLeft.set(times);
    }

    @Override
    void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
        if (crashesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("simulated crash between the broker's confirm and the stamp");
        }
        super.markPublished(connection, rows);
    }
}
