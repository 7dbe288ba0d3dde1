package com.licenceshop.command.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The next invoice number of a year, taken inside the caller's transaction (ADR 13): the upsert locks the year's
 * counter row until that transaction ends, and its rollback gives the number back, so numbers have no gaps and
 * never repeat. Keep the transaction short: the year's other invoices wait for it.
 */
public final class InvoiceNumbers {

    private static final String NEXT = """
            INSERT INTO commands.invoice_counters (year, last_number) VALUES (?, 1)
            ON CONFLICT (year) DO UPDATE SET last_number = commands.invoice_counters.last_number + 1
            RETURNING last_number""";

    private InvoiceNumbers() {}

    public static String next(Connection transaction, int year) throws SQLException {
        if (transaction.getAutoCommit()) {
            throw new IllegalStateException("an invoice number is taken inside the invoice's transaction");
        }
        try (PreparedStatement next = transaction.prepareStatement(NEXT)) {
            next.setInt(1, year);
            try (ResultSet row = next.executeQuery()) {
                row.next();
                return Invoice.number(year, row.getLong(1));
            }
        }
    }
}
