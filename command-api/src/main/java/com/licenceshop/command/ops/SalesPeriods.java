package com.licenceshop.command.ops;

import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.events.SalesPeriodClosed;
import com.licenceshop.servicedefaults.LogContext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records that sales staff closed the current sales period. */
@Singleton
class SalesPeriods {

    private static final Logger LOG = LoggerFactory.getLogger(SalesPeriods.class);
    static final String AGGREGATE_ID = "sales-period";

    private final TransactionOperations<Connection> transactions;
    private final EventStore events;
    private final Clock clock;

    SalesPeriods(TransactionOperations<Connection> transactions, EventStore events, Clock clock) {
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    SalesPeriodClosed close(String closedBy, String correlationId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        SalesPeriodClosed closed = transactions.executeWrite(status -> {
            try {
                return events.append(
                        status.getConnection(),
                        AGGREGATE_ID,
                        correlationId,
                        (eventId, sequence) -> new SalesPeriodClosed(eventId, sequence, now, closedBy));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record the closed sales period", e);
            }
        });
        try (var log = LogContext.with("eventId", closed.eventId())) {
            LOG.info("sales period closed by {} at sequence {}", closedBy, closed.sequence());
        }
        return closed;
    }
}
