package com.licenceshop.command.order;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Reads an order as the command side stored it (its status included), in a read-only transaction. */
@Singleton
class OrderQueries {

    private final TransactionOperations<Connection> transactions;
    private final OrderStore orders;

    OrderQueries(TransactionOperations<Connection> transactions, OrderStore orders) {
        this.transactions = transactions;
        this.orders = orders;
    }

    Optional<StoredOrder> find(UUID orderId) {
        return transactions.executeRead(status -> {
            try {
                return orders.find(status.getConnection(), orderId, false);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the order", e);
            }
        });
    }
}
