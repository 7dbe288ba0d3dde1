package com.licenceshop.command.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.SQLException;

/** Read side of the outbox for ops and metrics. */
@Context
public class Outbox {

    private final TransactionOperations<Connection> transactions;
    private final OutboxStore store;

    Outbox(TransactionOperations<Connection> transactions, OutboxStore store, MeterRegistry meters) {
        this.transactions = transactions;
        this.store = store;
        Gauge.builder("shop.outbox.pending", this, Outbox::pendingOrNaN)
                .description("Event rows not yet confirmed by the broker")
                .register(meters);
    }

    public OutboxStatus status() {
        return transactions.executeRead(status -> {
            try {
                return store.status(status.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the outbox status", e);
            }
        });
    }

    private double pendingOrNaN() {
        try {
            return transactions.executeRead(status -> {
                try {
                    return (double) store.pending(status.getConnection());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }
}
