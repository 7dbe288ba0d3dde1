package com.licenceshop.command.catalog;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The catalog table. */
@Singleton
public class Products {

    private final TransactionOperations<Connection> transactions;

    Products(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public List<Product> all() {
        return transactions.executeRead(status -> {
            try (var statement = status.getConnection().prepareStatement(
                    "SELECT sku, name, description, unit_price_cents, currency FROM commands.products ORDER BY position");
                 ResultSet rows = statement.executeQuery()) {
                List<Product> products = new ArrayList<>();
                while (rows.next()) {
                    products.add(new Product(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5)));
                }
                return products;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the catalog", e);
            }
        });
    }

    public Catalog catalog() {
        return Catalog.of(all());
    }
}
