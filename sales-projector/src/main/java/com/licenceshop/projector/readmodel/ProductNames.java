package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.ProductNamed;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.servicedefaults.UnnestColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The current name of each licence ({@code product_names}), which the per-licence figures show. The name of
 * the highest version wins, whatever order the events arrive in and however often: a max, so commutative and
 * idempotent like the rest of the model.
 */
final class ProductNames {

    private ProductNames() {}

    static void apply(Connection connection, ModelTables tables, List<SalesChange> applied) throws SQLException {
        // one row per sku (an upsert may not touch a row twice), sorted so concurrent batches lock in one order
        Map<String, ProductNamed> newest = new TreeMap<>();
        for (SalesChange change : applied) {
            if (change instanceof ProductNamed named) {
                newest.merge(named.sku(), named, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.productNames()
                + " AS n (sku, name, version) SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[]) "
                + "ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version "
                + "WHERE n.version < EXCLUDED.version")) {
            UnnestColumns.of(connection, newest.values())
                    .text(ProductNamed::sku)
                    .text(ProductNamed::name)
                    .bigint(ProductNamed::version)
                    .bindTo(upsert);
            upsert.executeUpdate();
        }
    }
}
