package com.licenceshop.command.catalog;

import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.events.ProductAdded;
import com.licenceshop.events.ProductChanged;
import com.licenceshop.events.ProductRetired;
import com.licenceshop.servicedefaults.LogContext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, changes and retires licences: each change and its event ({@code ProductAdded}, {@code ProductChanged},
 * {@code ProductRetired}) in ONE transaction through the {@link EventStore}, so the relay publishes exactly the
 * changes that committed. A refusal writes nothing: the row statement is conditional and the event is appended
 * only after it changed a row.
 */
@Singleton
class CatalogCommands {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCommands.class);

    sealed interface Outcome permits Done, Duplicate, Missing, Stale, IsRetired, AlreadyRetired {}

    /** Stored, with its event. */
    record Done(Product product) implements Outcome {}

    /** A product with this sku exists (possibly retired). */
    record Duplicate() implements Outcome {}

    record Missing() implements Outcome {}

    /** The If-Match does not name the current version. */
    record Stale(Product current) implements Outcome {}

    /** A retired licence is not edited. */
    record IsRetired(Product current) implements Outcome {}

    /** Retiring again changes nothing. */
    record AlreadyRetired(Product current) implements Outcome {}

    @FunctionalInterface
    private interface Work {
        Outcome run(Connection connection, Instant now) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final Products products;
    private final EventStore events;
    private final Clock clock;

    CatalogCommands(TransactionOperations<Connection> transactions, Products products, EventStore events, Clock clock) {
        this.transactions = transactions;
        this.products = products;
        this.events = events;
        this.clock = clock;
    }

    /** @param by the staff member (the token's subject), recorded in the event and the log line */
    Outcome add(String sku, ProductFields fields, String by, String correlationId) {
        return inTransaction(sku, by, (connection, now) -> {
            Optional<Product> added = products.insert(connection, sku, fields);
            if (added.isEmpty()) {
                return new Duplicate();
            }
            Product p = added.get();
            ProductAdded event = events.append(
                    connection, sku, correlationId, (eventId, sequence) -> p.added(eventId, sequence, now, by));
            return logged(p, "added", event.sequence());
        });
    }

    /** @param ifMatch the request's If-Match header, never null (the controller answers 428 without one) */
    Outcome change(String sku, String ifMatch, ProductFields fields, String by, String correlationId) {
        List<Long> versions = ETags.versions(ifMatch);
        return inTransaction(sku, by, (connection, now) -> {
            // the row changes only at the version the editor saw: of two edits of one version, the second
            // waits for the first's row lock, then finds a newer version and changes nothing
            Optional<Product> changed =
                    versions.isEmpty() ? Optional.empty() : products.update(connection, sku, versions, fields);
            if (changed.isEmpty()) {
                return whyNot(connection, sku);
            }
            Product p = changed.get();
            ProductChanged event = events.append(
                    connection, sku, correlationId, (eventId, sequence) -> p.changed(eventId, sequence, now, by));
            return logged(p, "changed", event.sequence());
        });
    }

    Outcome retire(String sku, String by, String correlationId) {
        return inTransaction(sku, by, (connection, now) -> {
            Optional<Product> retired = products.retire(connection, sku);
            if (retired.isEmpty()) {
                Optional<Product> current = products.find(connection, sku);
                return current.<Outcome>map(AlreadyRetired::new).orElseGet(Missing::new);
            }
            Product p = retired.get();
            ProductRetired event = events.append(
                    connection,
                    sku,
                    correlationId,
                    (eventId, sequence) -> new ProductRetired(eventId, sequence, now, p.sku(), p.version(), by));
            return logged(p, "retired", event.sequence());
        });
    }

    private Outcome whyNot(Connection connection, String sku) throws SQLException {
        Optional<Product> current = products.find(connection, sku);
        if (current.isEmpty()) {
            return new Missing();
        }
        return current.get().onSale() ? new Stale(current.get()) : new IsRetired(current.get());
    }

    private Outcome inTransaction(String sku, String by, Work work) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return transactions.executeWrite(status -> {
            try (var log = LogContext.with("sku", sku).and("by", by)) {
                return work.run(status.getConnection(), now);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot change the catalog", e);
            }
        });
    }

    private static Outcome logged(Product product, String what, long sequence) {
        LOG.info(
                "product {}: version {}, {} {} cents, sequence {}",
                what,
                product.version(),
                product.currency(),
                product.unitPriceCents(),
                sequence);
        return new Done(product);
    }
}
