package com.licenceshop.command.order;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.Product;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.ProblemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What becomes of each command of a batch, from what the batch's transaction read. Pure, in two steps because the
 * second read depends on the first: {@link #price} with the catalog tells which keys to claim, {@link #decide} with the
 * key rows as the claim left them tells, per command, accepted, rejected or replayed.
 */
final class OrderBatch {

    sealed interface Decision permits Accepted, Rejected, Replayed {
        PendingOrder command();
    }

    /**
     * A new order at these prices. {@code keysBeforePayment} (ADR 13): an invoice order whose licences all allow it
     * in this catalog gets its keys with its invoice; a card order always waits for its payment.
     */
    record Accepted(PendingOrder command, PricedOrder order, boolean keysBeforePayment) implements Decision {}

    /** Refused; nothing is stored for it. */
    record Rejected(PendingOrder command, ProblemException reason) implements Decision {}

    /** Answered by its key's row: the order an earlier same request placed, or {@code KeyReused} for another one. */
    record Replayed(PendingOrder command, PlacingOrders.Outcome answer) implements Decision {}

    /**
     * An Idempotency-Key row: the request's fingerprint, its order, and that order's token (null while the order is
     * placed in this batch, or for an order from before tokens).
     */
    record StoredKey(String fingerprint, UUID orderId, String accessToken) {}

    private final List<PendingOrder> commands;
    private final Catalog catalog;
    private final PricedOrder[] priced;
    private final ProblemException[] rejected;
    private final SortedMap<String, PendingOrder> claims = new TreeMap<>();
    private int pricedCount;

    private OrderBatch(List<PendingOrder> commands, Catalog catalog) {
        this.commands = List.copyOf(commands);
        this.catalog = catalog;
        this.priced = new PricedOrder[commands.size()];
        this.rejected = new ProblemException[commands.size()];
    }

    /** Prices every command from the catalog of this transaction. */
    static OrderBatch price(List<PendingOrder> commands, Catalog catalog) {
        OrderBatch batch = new OrderBatch(commands, catalog);
        for (int i = 0; i < batch.commands.size(); i++) {
            batch.price(i);
        }
        return batch;
    }

    private void price(int i) {
        PendingOrder command = commands.get(i);
        try {
            priced[i] = Pricing.price(command.order(), catalog);
        } catch (Pricing.NotOnSaleException e) {
            // validated against an older catalog; the licence was retired since
            rejected[i] = Problems.exception(
                    ProblemType.LICENCE_NOT_ON_SALE,
                    "The order names a licence that is no longer sold (" + e.getMessage() + "); nothing was stored.");
            return;
        } catch (IllegalArgumentException e) {
            // validated against an older catalog; the one in this transaction no longer sells a SKU
            rejected[i] =
                    Problems.exception(ProblemType.INVALID_ORDER, "The order cannot be priced: " + e.getMessage());
            return;
        }
        pricedCount++;
        if (command.idempotencyKey() != null) {
            claims.putIfAbsent(command.idempotencyKey(), command);
        }
    }

    /**
     * The keys the priced commands name, each claimed by the first command naming it, in sorted order: two writers
     * claiming overlapping keys lock them in the same order.
     */
    SortedMap<String, PendingOrder> claims() {
        return Collections.unmodifiableSortedMap(claims);
    }

    /** The commands priced: at most this many orders are placed, so as many sequences are allocated. */
    int pricedCount() {
        return pricedCount;
    }

    /** One decision per command, in the commands' order; {@code keys}: the rows of {@link #claims()} after the claim. */
    List<Decision> decide(Map<String, StoredKey> keys) {
        List<Decision> decisions = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            decisions.add(decide(i, keys));
        }
        return decisions;
    }

    private Decision decide(int i, Map<String, StoredKey> keys) {
        PendingOrder command = commands.get(i);
        if (rejected[i] != null) {
            return new Rejected(command, rejected[i]);
        }
        PlacingOrders.Outcome answer = command.idempotencyKey() == null ? null : answerOfKey(command, keys);
        if (answer != null) {
            return new Replayed(command, answer);
        }
        return new Accepted(command, priced[i], keysBeforePayment(command.order(), priced[i]));
    }

    /** Null when the command owns its key (it places its order), else the key's answer. */
    private PlacingOrders.Outcome answerOfKey(PendingOrder command, Map<String, StoredKey> keys) {
        StoredKey key = keys.get(command.idempotencyKey());
        if (key == null) {
            throw new IllegalStateException("idempotency key vanished: " + command.idempotencyKey());
        }
        String token = key.accessToken() != null ? key.accessToken() : tokenPlacedInThisBatch(key.orderId());
        return KeyResolution.resolve(command, key.fingerprint(), key.orderId(), token);
    }

    /** A repeat of a key first used in this batch: the token of the command that places the order. */
    private String tokenPlacedInThisBatch(UUID orderId) {
        return claims.values().stream()
                .filter(c -> c.orderId().equals(orderId))
                .map(PendingOrder::accessToken)
                .findFirst()
                .orElse(null);
    }

    private boolean keysBeforePayment(PlaceOrder order, PricedOrder priced) {
        return PlaceOrder.INVOICE.equals(order.paymentMethod())
                && priced.lines().stream()
                        .allMatch(line -> catalog.find(line.sku())
                                .map(Product::keysBeforePayment)
                                .orElse(false));
    }
}
