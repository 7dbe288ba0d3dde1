package com.licenceshop.command.order;

import static com.licenceshop.command.order.PricingTest.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.servicedefaults.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestValidationTest {

    static Map<String, Object> body(Object email, Object items) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerEmail", email);
        body.put("items", items);
        return body;
    }

    static Map<String, Object> line(Object sku, Object quantity) {
        Map<String, Object> line = new HashMap<>();
        line.put("sku", sku);
        line.put("quantity", quantity);
        return line;
    }

    static List<Violation> violations(Object body) {
        var result = OrderRequestValidation.validate(body, CATALOG);
        assertThat(result).isInstanceOf(OrderRequestValidation.Invalid.class);
        return ((OrderRequestValidation.Invalid) result).violations();
    }

    static void assertRejected(Object body, String field, String rule) {
        assertThat(violations(body))
                .extracting(Violation::field, Violation::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(field, rule));
    }

    @Test
    void aWellFormedOrderBecomesACommand() {
        var result = OrderRequestValidation.validate(
                body("ada@example.com", List.of(line("STARTER", 1), line("ENTERPRISE", 100))), CATALOG);

        assertThat(result)
                .isEqualTo(new OrderRequestValidation.Valid(new PlaceOrder(
                        "ada@example.com",
                        List.of(new PlaceOrder.Item("STARTER", 1), new PlaceOrder.Item("ENTERPRISE", 100)))));
    }

    @Test
    void anUnknownSkuIsNamedWithItsLine() {
        assertRejected(
                body("ada@example.com", List.of(line("STARTER", 1), line("PLATINUM", 1))), "items[1].sku", "known-sku");
    }

    @Test
    void aRetiredLicenceIsNotOnSaleAndNamedWithItsLine() {
        var catalog = com.licenceshop.command.catalog.Catalog.of(List.of(
                CATALOG.find("STARTER").orElseThrow(),
                new com.licenceshop.command.catalog.Product(
                        "OLD",
                        "Old",
                        null,
                        100,
                        "EUR",
                        com.licenceshop.command.catalog.ProductStatus.RETIRED,
                        2,
                        false)));

        var result = OrderRequestValidation.validate(
                body("ada@example.com", List.of(line("STARTER", 1), line("OLD", 1))), catalog);

        assertThat(result).isInstanceOf(OrderRequestValidation.NotOnSale.class);
        assertThat(((OrderRequestValidation.NotOnSale) result).violations())
                .extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("items[1].sku", "on-sale"));
    }

    @Test
    void anUnknownSkuIsToldWhichLicencesAreOnSale() {
        var violation = violations(body("ada@example.com", List.of(line("PLATINUM", 1))))
                .get(0);
        assertThat(violation.message()).contains("ENTERPRISE, PROFESSIONAL, STARTER");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 1_000_000})
    void aQuantityOutsideOneToAHundredIsRejected(int quantity) {
        assertRejected(body("ada@example.com", List.of(line("STARTER", quantity))), "items[0].quantity", "range");
    }

    @Test
    void aQuantityMustBeAWholeNumber() {
        assertRejected(body("ada@example.com", List.of(line("STARTER", 1.5))), "items[0].quantity", "type");
        assertRejected(body("ada@example.com", List.of(line("STARTER", "2"))), "items[0].quantity", "type");
        assertRejected(
                body("ada@example.com", List.of(line("STARTER", new BigDecimal("1e30")))),
                "items[0].quantity",
                "range");
        assertThat(OrderRequestValidation.validate(body("ada@example.com", List.of(line("STARTER", 2.0))), CATALOG))
                .isInstanceOf(OrderRequestValidation.Valid.class);
    }

    @Test
    void moreThanTwentyLinesAreRejected() {
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            lines.add(line("STARTER", 1));
        }
        assertRejected(body("ada@example.com", lines), "items", "max-lines");
        assertThat(OrderRequestValidation.validate(body("ada@example.com", lines.subList(0, 20)), CATALOG))
                .isInstanceOf(OrderRequestValidation.Valid.class);
    }

    @Test
    void itemsMustBeANonEmptyList() {
        assertRejected(body("ada@example.com", List.of()), "items", "not-empty");
        assertRejected(body("ada@example.com", null), "items", "required");
        assertRejected(body("ada@example.com", "STARTER"), "items", "type");
        assertRejected(body("ada@example.com", List.of("STARTER")), "items[0]", "type");
        assertRejected(body("ada@example.com", List.of(line(null, 1))), "items[0].sku", "required");
        assertRejected(body("ada@example.com", List.of(line("STARTER", null))), "items[0].quantity", "required");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ada",
                "ada@",
                "@example.com",
                "ada@example",
                "ada @example.com",
                "ada@exa mple.com",
                "a@b@example.com"
            })
    void aMalformedEmailIsRejected(String email) {
        assertRejected(body(email, List.of(line("STARTER", 1))), "customerEmail", "email");
    }

    @Test
    void theEmailIsRequiredAndAString() {
        assertRejected(body(null, List.of(line("STARTER", 1))), "customerEmail", "required");
        assertRejected(body(42, List.of(line("STARTER", 1))), "customerEmail", "type");
        assertRejected(body("a".repeat(250) + "@example.com", List.of(line("STARTER", 1))), "customerEmail", "email");
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        assertThat(violations(body("nope", List.of(line("PLATINUM", 0)))))
                .extracting(Violation::field)
                .containsExactly("customerEmail", "items[0].sku", "items[0].quantity");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
        assertThat(violations(List.of(1, 2)))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("body", "object"));
        assertThat(violations("text")).hasSize(1);
    }
}
