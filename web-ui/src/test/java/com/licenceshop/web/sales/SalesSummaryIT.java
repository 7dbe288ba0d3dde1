package com.licenceshop.web.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WebUiIT
class SalesSummaryIT extends AgainstTheTestShop {

    @Inject
    JsonMapper json;

    @Test
    void theSummaryShowsWhatTheSalesViewsHold() throws IOException {
        Instant at = Instant.parse("2026-11-23T10:15:30Z");
        shop.database.summary(3, 5, 1_100_000, 17, at, at.plusMillis(300));
        shop.database.licence("STARTER", "Starter", 1, 2, 100_000, 2, 2);
        shop.database.licence("ENTERPRISE", "Enterprise", 2, 3, 1_000_000, 3, 0);

        Visitor.Page response = shop.visitor()
                .withBasicAuth(TestShop.SALES_USER, TestShop.SALES_PASSWORD)
                .getJson("/api/sales/summary");

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> summary =
                json.readValue(response.body(), io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        assertThat(summary)
                .containsEntry("orders", 3)
                .containsEntry("licences", 5)
                .containsEntry("revenueCents", 1_100_000)
                .containsEntry("currency", "EUR")
                .containsEntry("position", 17);
        assertThat(summary.get("perLicence"))
                .isEqualTo(List.of(
                        Map.of(
                                "sku",
                                "ENTERPRISE",
                                "name",
                                "Enterprise",
                                "orders",
                                2,
                                "licences",
                                3,
                                "revenueCents",
                                1_000_000,
                                "seatsIssued",
                                3,
                                "seatsRevoked",
                                0),
                        Map.of(
                                "sku",
                                "STARTER",
                                "name",
                                "Starter",
                                "orders",
                                1,
                                "licences",
                                2,
                                "revenueCents",
                                100_000,
                                "seatsIssued",
                                2,
                                "seatsRevoked",
                                2)));
    }
}
