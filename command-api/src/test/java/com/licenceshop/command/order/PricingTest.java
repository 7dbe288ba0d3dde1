package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.Product;
import com.licenceshop.command.catalog.ProductStatus;
import com.licenceshop.events.OrderLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class PricingTest {

    static final Catalog CATALOG = Catalog.of(List.of(
            new Product("STARTER", "Starter", "small", 50_000, "EUR", ProductStatus.ON_SALE, 1, false),
            new Product("PROFESSIONAL", "Professional", "medium", 150_000, "EUR", ProductStatus.ON_SALE, 1, false),
            new Product("ENTERPRISE", "Enterprise", "large", 500_000, "EUR", ProductStatus.ON_SALE, 1, false)));

    static PlaceOrder anOrderOf(Object... skuAndQuantity) {
        List<PlaceOrder.Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            items.add(new PlaceOrder.Item((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1]));
        }
        return new PlaceOrder("ada@example.com", items);
    }

    @Test
    void aLineCostsTheCatalogPriceTimesTheQuantity() {
        PricedOrder priced = Pricing.price(anOrderOf("PROFESSIONAL", 3), CATALOG);

        assertThat(priced.lines()).containsExactly(new OrderLine("PROFESSIONAL", "Professional", 3, 150_000, 450_000));
        assertThat(priced.totalCents()).isEqualTo(450_000);
        assertThat(priced.currency()).isEqualTo("EUR");
        assertThat(priced.customerEmail()).isEqualTo("ada@example.com");
    }

    @Test
    void theTotalIsTheSumOfTheLinesInTheirOrder() {
        PricedOrder priced = Pricing.price(anOrderOf("STARTER", 2, "ENTERPRISE", 1, "STARTER", 1), CATALOG);

        assertThat(priced.lines()).extracting(OrderLine::sku).containsExactly("STARTER", "ENTERPRISE", "STARTER");
        assertThat(priced.lines()).extracting(OrderLine::lineTotalCents).containsExactly(100_000L, 500_000L, 50_000L);
        assertThat(priced.totalCents()).isEqualTo(650_000);
    }

    @Test
    void theLargestPossibleOrderIsPricedExactly() {
        Object[] twentyLinesOfAHundredEnterprise = new Object[40];
        for (int i = 0; i < 40; i += 2) {
            twentyLinesOfAHundredEnterprise[i] = "ENTERPRISE";
            twentyLinesOfAHundredEnterprise[i + 1] = 100;
        }
        assertThat(Pricing.price(anOrderOf(twentyLinesOfAHundredEnterprise), CATALOG)
                        .totalCents())
                .isEqualTo(20L * 100 * 500_000);
    }

    @Test
    void aSkuOutsideTheCatalogCannotBePriced() {
        assertThatThrownBy(() -> Pricing.price(anOrderOf("PLATINUM", 1), CATALOG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PLATINUM");
    }

    @Test
    void oneOrderCannotMixCurrencies() {
        Catalog mixed = Catalog.of(List.of(
                new Product("A", "A", "", 100, "EUR", ProductStatus.ON_SALE, 1, false),
                new Product("B", "B", "", 100, "USD", ProductStatus.ON_SALE, 1, false)));

        assertThatThrownBy(() -> Pricing.price(anOrderOf("A", 1, "B", 1), mixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency");
    }

    @Test
    void aRetiredLicenceIsNotPricedAtAll() {
        Catalog withRetired =
                Catalog.of(List.of(new Product("OLD", "Old", null, 100, "EUR", ProductStatus.RETIRED, 2, false)));

        assertThatThrownBy(() -> Pricing.price(anOrderOf("OLD", 1), withRetired))
                .isInstanceOf(Pricing.NotOnSaleException.class)
                .hasMessageContaining("OLD");
    }
}
