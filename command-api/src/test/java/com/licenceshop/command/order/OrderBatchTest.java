package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.Product;
import com.licenceshop.command.catalog.ProductStatus;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.events.OrderLine;
import com.licenceshop.servicedefaults.Problem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderBatchTest {

    static final Catalog CATALOG = Catalog.of(List.of(
            new Product("STARTER", "Starter", "small", 50_000, "EUR", ProductStatus.ON_SALE, 1, true),
            new Product("PROFESSIONAL", "Professional", "medium", 150_000, "EUR", ProductStatus.ON_SALE, 1, false),
            new Product("LEGACY", "Legacy", "old", 10_000, "EUR", ProductStatus.RETIRED, 2, true)));

    static PendingOrder command(String sku, String key, String fingerprint) {
        return PendingOrder.of(
                new PlaceOrder("ada@example.com", List.of(new PlaceOrder.Item(sku, 2))), key, fingerprint, "c");
    }

    static PendingOrder invoiceCommand(String... skus) {
        List<PlaceOrder.Item> items =
                List.of(skus).stream().map(sku -> new PlaceOrder.Item(sku, 1)).toList();
        return PendingOrder.of(
                new PlaceOrder("ada@example.com", items, PlaceOrder.INVOICE, "Acme", "1 Road"), null, null, "c");
    }

    static OrderBatch.StoredKey keyOf(PendingOrder owner) {
        return new OrderBatch.StoredKey(owner.fingerprint(), owner.orderId(), null);
    }

    @Test
    void aCommandWithoutKeyIsAcceptedAtTheCatalogPrice() {
        PendingOrder command = command("PROFESSIONAL", null, null);

        List<OrderBatch.Decision> decisions =
                OrderBatch.price(List.of(command), CATALOG).decide(Map.of());

        assertThat(decisions).hasSize(1);
        OrderBatch.Accepted accepted = (OrderBatch.Accepted) decisions.get(0);
        assertThat(accepted.command()).isSameAs(command);
        assertThat(accepted.order().lines())
                .containsExactly(new OrderLine("PROFESSIONAL", "Professional", 2, 150_000, 300_000));
        assertThat(accepted.order().totalCents()).isEqualTo(300_000);
    }

    @Test
    void aLicenceRetiredSinceValidationIsRejectedAsNoLongerSold() {
        OrderBatch.Decision decision = OrderBatch.price(List.of(command("LEGACY", null, null)), CATALOG)
                .decide(Map.of())
                .get(0);

        Problem reason = ((OrderBatch.Rejected) decision).reason().problem();
        assertThat(Problems.slug(reason)).isEqualTo("licence-not-on-sale");
        assertThat(reason.status()).isEqualTo(422);
        assertThat(reason.detail())
                .isEqualTo(
                        "The order names a licence that is no longer sold (no longer sold: LEGACY); nothing was stored.");
    }

    @Test
    void aSkuGoneFromTheCatalogIsRejectedAsAnInvalidOrder() {
        OrderBatch.Decision decision = OrderBatch.price(List.of(command("VANISHED", null, null)), CATALOG)
                .decide(Map.of())
                .get(0);

        Problem reason = ((OrderBatch.Rejected) decision).reason().problem();
        assertThat(Problems.slug(reason)).isEqualTo("invalid-order");
        assertThat(reason.status()).isEqualTo(400);
        assertThat(reason.detail()).isEqualTo("The order cannot be priced: not in the catalog: VANISHED");
    }

    @Test
    void priceableCommandsClaimTheirKeysSortedEachByItsFirstCommand() {
        PendingOrder b = command("STARTER", "key-b", "f1");
        PendingOrder a = command("STARTER", "key-a", "f2");
        PendingOrder twinOfB = command("STARTER", "key-b", "f1");
        PendingOrder retired = command("LEGACY", "key-c", "f3");

        OrderBatch batch = OrderBatch.price(List.of(b, a, twinOfB, retired), CATALOG);

        assertThat(batch.claims()).containsExactly(Map.entry("key-a", a), Map.entry("key-b", b));
        assertThat(batch.pricedCount()).isEqualTo(3);
    }

    @Test
    void theCommandWhoseOrderTheKeyHoldsIsAccepted() {
        PendingOrder owner = command("STARTER", "key-1", "f1");

        OrderBatch.Decision decision = OrderBatch.price(List.of(owner), CATALOG)
                .decide(Map.of("key-1", keyOf(owner)))
                .get(0);

        assertThat(decision).isInstanceOf(OrderBatch.Accepted.class);
    }

    @Test
    void aTwinInTheSameBatchReplaysTheOwnersOrderAndToken() {
        PendingOrder owner = command("STARTER", "key-1", "f1");
        PendingOrder twin = command("STARTER", "key-1", "f1");

        List<OrderBatch.Decision> decisions =
                OrderBatch.price(List.of(owner, twin), CATALOG).decide(Map.of("key-1", keyOf(owner)));

        assertThat(decisions.get(0)).isInstanceOf(OrderBatch.Accepted.class);
        assertThat(decisions.get(1))
                .isEqualTo(new OrderBatch.Replayed(
                        twin, new PlacingOrders.Accepted(owner.orderId(), true, owner.accessToken())));
    }

    @Test
    void aKeyStoredEarlierReplaysItsOrderWithTheStoredToken() {
        PendingOrder repeat = command("STARTER", "key-1", "f1");
        UUID earlier = UUID.randomUUID();

        OrderBatch.Decision decision = OrderBatch.price(List.of(repeat), CATALOG)
                .decide(Map.of("key-1", new OrderBatch.StoredKey("f1", earlier, "stored-token")))
                .get(0);

        assertThat(decision)
                .isEqualTo(new OrderBatch.Replayed(repeat, new PlacingOrders.Accepted(earlier, true, "stored-token")));
    }

    @Test
    void aKeyStoredForAnotherRequestIsAnsweredKeyReused() {
        PendingOrder other = command("STARTER", "key-1", "f2");

        OrderBatch.Decision decision = OrderBatch.price(List.of(other), CATALOG)
                .decide(Map.of("key-1", new OrderBatch.StoredKey("f1", UUID.randomUUID(), null)))
                .get(0);

        assertThat(((OrderBatch.Replayed) decision).answer()).isInstanceOf(PlacingOrders.KeyReused.class);
    }

    @Test
    void aKeyMissingAfterTheClaimIsAnError() {
        OrderBatch batch = OrderBatch.price(List.of(command("STARTER", "key-1", "f1")), CATALOG);

        assertThatThrownBy(() -> batch.decide(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key-1");
    }

    @Test
    void anInvoiceOrderGetsKeysBeforePaymentOnlyIfEveryLicenceAllowsIt() {
        List<OrderBatch.Decision> decisions = OrderBatch.price(
                        List.of(invoiceCommand("STARTER"), invoiceCommand("STARTER", "PROFESSIONAL")), CATALOG)
                .decide(Map.of());

        assertThat(((OrderBatch.Accepted) decisions.get(0)).keysBeforePayment()).isTrue();
        assertThat(((OrderBatch.Accepted) decisions.get(1)).keysBeforePayment()).isFalse();
    }

    @Test
    void aCardOrderNeverGetsKeysBeforePayment() {
        OrderBatch.Decision decision = OrderBatch.price(List.of(command("STARTER", null, null)), CATALOG)
                .decide(Map.of())
                .get(0);

        assertThat(((OrderBatch.Accepted) decision).keysBeforePayment()).isFalse();
    }

    @Test
    void decisionsComeInTheOrderOfTheCommands() {
        PendingOrder retired = command("LEGACY", null, null);
        PendingOrder owner = command("STARTER", "key-1", "f1");
        PendingOrder twin = command("STARTER", "key-1", "f1");

        List<OrderBatch.Decision> decisions =
                OrderBatch.price(List.of(retired, owner, twin), CATALOG).decide(Map.of("key-1", keyOf(owner)));

        assertThat(decisions).extracting(OrderBatch.Decision::command).containsExactly(retired, owner, twin);
        assertThat(decisions)
                .extracting(d -> d.getClass().getSimpleName())
                .containsExactly("Rejected", "Accepted", "Replayed");
    }
}
