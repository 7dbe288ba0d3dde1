package com.licenceshop.command.catalog;

import com.licenceshop.servicedefaults.UnnestColumns;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalog table. Reads are uncached: the catalog is a handful of rows, and a change must be seen at once
 * by every replica. Writes run inside the caller's transaction ({@link CatalogCommands}); a change is one
 * conditional statement, so of two edits of the same version exactly one updates the row.
 */
@Singleton
public class Products {

    /** The columns {@link #read(ResultSet)} expects, in its order. */
    public static final String COLUMNS =
            "sku, name, description, unit_price_cents, currency, status, version, keys_before_payment";

    private final TransactionOperations<Connection> transactions;

    Products(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** The licences on sale, by price then sku: the shop's list. */
    public List<Product> onSale() {
        return select(" WHERE status = 'ON_SALE' ORDER BY unit_price_cents, sku");
    }

    /** Every licence, retired ones too, by price then sku: the staff's list. */
    public List<Product> all() {
        return select(" ORDER BY unit_price_cents, sku");
    }

    /** Every licence, retired ones too, for pricing and validating orders. */
    public Catalog catalog() {
        return Catalog.of(all());
    }

    public Optional<Product> find(String sku) {
        return transactions.executeRead(status -> {
            try {
                return find(status.getConnection(), sku);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the catalog", e);
            }
        });
    }

    /** Rows of {@link #COLUMNS} as products. */
    public static List<Product> read(ResultSet rows) throws SQLException {
        List<Product> products = new ArrayList<>();
        while (rows.next()) {
            products.add(product(rows));
        }
        return products;
    }

    Optional<Product> find(Connection connection, String sku) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM commands.products WHERE sku = ?")) {
            select.setString(1, sku);
            return single(select);
        }
    }

    /** Empty if the sku exists already (retired or not). */
    Optional<Product> insert(Connection connection, String sku, ProductFields fields) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands.products (sku, name, description, unit_price_cents, currency, keys_before_payment, status, version)
                VALUES (?, ?, ?, ?, ?, ?, 'ON_SALE', 1) ON CONFLICT (sku) DO NOTHING RETURNING\s""" + COLUMNS)) {
            insert.setString(1, sku);
            bind(insert, 2, fields);
            return single(insert);
        }
    }

    /** Changes the product only if it is on sale at one of {@code versions}; empty otherwise. */
    Optional<Product> update(Connection connection, String sku, List<Long> versions, ProductFields fields)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE commands.products SET name = ?, description = ?, unit_price_cents = ?, currency = ?, keys_before_payment = ?,
                    version = version + 1
                WHERE sku = ? AND status = 'ON_SALE' AND version = ANY(?) RETURNING\s""" + COLUMNS)) {
            int next = bind(update, 1, fields);
            update.setString(next, sku);
            UnnestColumns.of(connection, versions).bigint(version -> version).bindTo(update, next + 1);
            return single(update);
        }
    }

    /** Retires the product if it is on sale; empty if it is unknown or retired already. */
    Optional<Product> retire(Connection connection, String sku) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE commands.products SET status = 'RETIRED', version = version + 1
                WHERE sku = ? AND status = 'ON_SALE' RETURNING\s""" + COLUMNS)) {
            update.setString(1, sku);
            return single(update);
        }
    }

    private List<Product> select(String where) {
        return transactions.executeRead(status -> {
            try (var statement = status.getConnection()
                            .prepareStatement("SELECT " + COLUMNS + " FROM commands.products" + where);
                    ResultSet rows = statement.executeQuery()) {
                return read(rows);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the catalog", e);
            }
        });
    }

    private static int bind(PreparedStatement statement, int first, ProductFields fields) throws SQLException {
        statement.setString(first, fields.name());
        statement.setString(first + 1, fields.description());
        statement.setLong(first + 2, fields.unitPriceCents());
        statement.setString(first + 3, fields.currency());
        statement.setBoolean(first + 4, fields.keysBeforePayment());
        return first + 5;
    }

    private static Optional<Product> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(product(rows)) : Optional.empty();
        }
    }

    private static Product product(ResultSet rows) throws SQLException {
        return new Product(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getLong(4),
                rows.getString(5),
                ProductStatus.valueOf(rows.getString(6)),
                rows.getLong(7),
                rows.getBoolean(8));
    }
}
