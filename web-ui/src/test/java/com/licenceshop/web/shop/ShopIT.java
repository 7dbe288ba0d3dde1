package com.licenceshop.web.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.StubCatalog;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WebUiIT
class ShopIT extends AgainstTheTestShop {

    @Inject
    StubCommandApi commandApi;

    @Inject
    StubCatalog catalog;

    @BeforeEach
    void forgetEarlierOrders() {
        commandApi.placed.clear();
        catalog.reset();
    }

    @Test
    void theShopListsTheThreeLicencesWithTheirPrices() {
        Visitor.Page page = shop.visitor().get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.count("licence")).isEqualTo(3);
        assertThat(page.body())
                .contains("Starter", "Professional", "Enterprise", "500.00 EUR", "1,500.00 EUR", "5,000.00 EUR");
        assertThat(page.count("buy-button")).isEqualTo(1);
    }

    @Test
    void theShopOffersWhatIsOnSaleAsOfTheNextPage() {
        catalog.retiredElsewhere("STARTER");
        catalog.changedElsewhere("ENTERPRISE", "Enterprise 2026", 600_000);

        Visitor.Page page = shop.visitor().get("/");

        assertThat(page.count("licence")).isEqualTo(2);
        assertThat(page.body())
                .doesNotContain("data-sku=\"STARTER\"")
                .contains("Enterprise 2026", "6,000.00 EUR")
                .doesNotContain("5,000.00 EUR");
    }

    @Test
    void buyingOnInvoiceSendsTheCompanyAndTheBillingAddressAsTyped() {
        Visitor shopper = shop.visitor();
        int before = commandApi.placed.size();

        Visitor.Page placed = shopper.submit(
                shopper.get("/"),
                "/orders",
                Map.of(
                        "customerEmail",
                        "buyer@example.com",
                        "sku",
                        "STARTER",
                        "quantity",
                        "1",
                        "idempotencyKey",
                        "key-invoice",
                        "paymentMethod",
                        "INVOICE",
                        "company",
                        "Lovelace Analytical Ltd",
                        "billingAddress",
                        "1 Engine Street\n10115 Berlin"));

        assertThat(placed.status()).isEqualTo(303);
        assertThat(commandApi.placed.get(before).body())
                .containsEntry("paymentMethod", "INVOICE")
                .containsEntry("company", "Lovelace Analytical Ltd")
                .containsEntry("billingAddress", "1 Engine Street\n10115 Berlin");
    }

    @Test
    void buyingPlacesTheOrderViaTheCommandApiAndShowsItsPage() {
        Visitor shopper = shop.visitor();
        Visitor.Page form = shopper.get("/");

        Visitor.Page placed = shopper.submit(
                form,
                "/orders",
                Map.of(
                        "customerEmail",
                        "ada@example.com",
                        "sku",
                        "ENTERPRISE",
                        "quantity",
                        "2",
                        "idempotencyKey",
                        "key-1"));

        assertThat(placed.status()).isEqualTo(303);
        assertThat(commandApi.placed).hasSize(1);
        StubCommandApi.Placed order = commandApi.placed.get(0);
        // by card unless the invoice is chosen; command-api ignores it while it issues keys at placement (ADR 13)
        assertThat(order.body())
                .isEqualTo(Map.of(
                        "customerEmail",
                        "ada@example.com",
                        "items",
                        List.of(Map.of("sku", "ENTERPRISE", "quantity", 2)),
                        "paymentMethod",
                        "CARD"));
        assertThat(order.idempotencyKey()).isEqualTo("key-1");
        // the order page's URL carries the order's access token: the order id alone shows nothing
        assertThat(placed.location())
                .isEqualTo("/orders/" + order.orderId() + "?token=" + commandApi.tokenOf(order.orderId()));
        assertThat(shopper.get("/orders/" + order.orderId()).status()).isEqualTo(404);

        Visitor.Page orderPage = shopper.get(placed.location());
        assertThat(orderPage.status()).isEqualTo(200);
        assertThat(orderPage.textOf("order-id")).isEqualTo(order.orderId());
        assertThat(orderPage.textOf("order-total")).isEqualTo("10,000.00 EUR");
    }

    @Test
    void everyRenderedFormCarriesItsOwnIdempotencyKey() {
        Visitor shopper = shop.visitor();
        String first = idempotencyKeyOf(shopper.get("/"));
        String second = idempotencyKeyOf(shopper.get("/"));

        assertThat(first).isNotBlank().isNotEqualTo(second);
    }

    @Test
    void submittingTheSameFormTwiceLeadsToTheSameOrder() {
        Visitor shopper = shop.visitor();
        Visitor.Page form = shopper.get("/");
        Map<String, String> fields = Map.of(
                "customerEmail",
                "grace@example.com",
                "sku",
                "STARTER",
                "quantity",
                "1",
                "idempotencyKey",
                idempotencyKeyOf(form));

        Visitor.Page first = shopper.submit(form, "/orders", fields);
        Visitor.Page second = shopper.submit(form, "/orders", fields);

        assertThat(first.status()).as(first.body()).isEqualTo(303);
        assertThat(first.location()).startsWith("/orders/").isEqualTo(second.location());
        assertThat(commandApi.placed)
                .extracting(StubCommandApi.Placed::idempotencyKey)
                .containsOnly(fields.get("idempotencyKey"));
    }

    @Test
    void theCommandApisValidationErrorsAreShownNextToTheirFields() {
        Visitor shopper = shop.visitor();
        Visitor.Page form = shopper.get("/");

        Visitor.Page rejected = shopper.submit(
                form,
                "/orders",
                Map.of(
                        "customerEmail",
                        "not-an-address",
                        "sku",
                        "STARTER",
                        "quantity",
                        "0",
                        "idempotencyKey",
                        idempotencyKeyOf(form)));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.textOf("email-error")).isEqualTo("must be a valid email address");
        assertThat(rejected.textOf("quantity-error")).isEqualTo("must be at least 1");
        assertThat(rejected.body()).contains("value=\"not-an-address\"");
        assertThat(idempotencyKeyOf(rejected)).isNotEqualTo(idempotencyKeyOf(form));
        assertThat(commandApi.placed).isEmpty();
    }

    @Test
    void aNonNumericQuantityIsRejectedWithoutCallingTheCommandApi() {
        Visitor shopper = shop.visitor();
        Visitor.Page form = shopper.get("/");

        Visitor.Page rejected = shopper.submit(
                form,
                "/orders",
                Map.of(
                        "customerEmail",
                        "ada@example.com",
                        "sku",
                        "STARTER",
                        "quantity",
                        "two",
                        "idempotencyKey",
                        idempotencyKeyOf(form)));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.textOf("quantity-error")).contains("whole number");
        assertThat(commandApi.placed).isEmpty();
    }

    @Test
    void aFormWithoutAValidCsrfTokenPlacesNoOrder() {
        Visitor shopper = shop.visitor();
        Visitor.Page form = shopper.get("/");
        Map<String, String> fields = Map.of(
                "customerEmail",
                "mallory@example.com",
                "sku",
                "STARTER",
                "quantity",
                "1",
                "idempotencyKey",
                idempotencyKeyOf(form));

        Visitor.Page withoutToken = shopper.postForm("/orders", fields);
        Map<String, String> forged = new java.util.HashMap<>(fields);
        forged.put("csrfToken", "forged!token");
        Visitor.Page withForgedToken = shopper.postForm("/orders", forged);

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("form-expired");
        assertThat(withForgedToken.status()).isEqualTo(403);
        assertThat(commandApi.placed).isEmpty();
    }

    private static String idempotencyKeyOf(Visitor.Page page) {
        var matcher = java.util.regex.Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(matcher.find()).as("form has an idempotency key").isTrue();
        return matcher.group(1);
    }
}
