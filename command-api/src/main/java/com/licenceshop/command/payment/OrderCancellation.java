package com.licenceshop.command.payment;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The port to the orders (implemented there, so the order package depends on this one and not the other way round):
 * cancel an unpaid order inside the payment's transaction, with the same events as the buyer's cancel.
 */
public interface OrderCancellation {

    void cancelUnpaid(Connection connection, UUID orderId, String correlationId) throws SQLException;
}
