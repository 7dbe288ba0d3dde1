package com.licenceshop.command.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class CatalogIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Test
    void theCatalogListsTheThreeLicencesWithTheirPrices() {
        var response = new Http(server.getURI()).get("/api/products");

        assertThat(response.status()).isEqualTo(200);
        var products = response.jsonList();
        assertThat(products)
                .extracting(
                        p -> p.get("sku"),
                        p -> p.get("name"),
                        p -> ((Number) p.get("unitPriceCents")).longValue(),
                        p -> p.get("currency"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("STARTER", "Starter", 50_000L, "EUR"),
                        org.assertj.core.groups.Tuple.tuple("PROFESSIONAL", "Professional", 150_000L, "EUR"),
                        org.assertj.core.groups.Tuple.tuple("ENTERPRISE", "Enterprise", 500_000L, "EUR"));
        assertThat(products)
                .allSatisfy(p -> assertThat((String) p.get("description")).isNotBlank());
    }

    @Test
    void pricesComeFromTheCatalogTable() throws Exception {
        execute("UPDATE commands.products SET unit_price_cents = 55000 WHERE sku = 'STARTER'");
        try {
            var products = new Http(server.getURI()).get("/api/products").jsonList();
            assertThat(products)
                    .filteredOn(p -> p.get("sku").equals("STARTER"))
                    .extracting(p -> ((Number) p.get("unitPriceCents")).longValue())
                    .containsExactly(55_000L);
        } finally {
            execute("UPDATE commands.products SET unit_price_cents = 50000 WHERE sku = 'STARTER'");
        }
    }

    @Test
    void productsAreServedAsJson() {
        var response = new Http(server.getURI()).get("/api/products");
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonList())
                .hasSize(3)
                .allSatisfy(
                        p -> assertThat(p).containsKeys("sku", "name", "description", "unitPriceCents", "currency"));
    }
}
