package com.licenceshop.command.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.licenceshop.servicedefaults.Violation;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductValidationTest {

    static Map<String, Object> product(Object sku, Object name, Object description, Object price, Object currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", sku);
        body.put("name", name);
        body.put("description", description);
        body.put("unitPriceCents", price);
        body.put("currency", currency);
        return body;
    }

    static List<Violation> violations(ProductValidation.Result result) {
        assertThat(result).isInstanceOf(ProductValidation.Invalid.class);
        return ((ProductValidation.Invalid) result).violations();
    }

    @Test
    void aValidLicenceIsTrimmedAndABlankDescriptionBecomesNone() {
        var result = ProductValidation.validateNew(product("ACME_PRO", "  Acme Pro ", "  ", 129_900, "EUR"));

        assertThat(result)
                .isEqualTo(new ProductValidation.Valid(
                        "ACME_PRO", new ProductFields("Acme Pro", null, 129_900, "EUR", false)));
    }

    @Test
    void keysBeforePaymentIsOffUnlessSentAsAJsonBoolean() {
        Map<String, Object> on = product("ACME_PRO", "Acme Pro", null, 129_900, "EUR");
        on.put("keysBeforePayment", true);
        assertThat(ProductValidation.validateNew(on))
                .isEqualTo(new ProductValidation.Valid(
                        "ACME_PRO", new ProductFields("Acme Pro", null, 129_900, "EUR", true)));

        Map<String, Object> text = product("ACME_PRO", "Acme Pro", null, 129_900, "EUR");
        text.put("keysBeforePayment", "true");
        assertThat(violations(ProductValidation.validateChange(text, "ACME_PRO")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("keysBeforePayment", "boolean"));
    }

    @Test
    void everyBrokenRuleIsNamedWithItsFieldAtOnce() {
        var result = ProductValidation.validateNew(product("acme", "", "x".repeat(501), 0, "USD"));

        assertThat(violations(result))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("sku", "pattern"),
                        tuple("name", "required"),
                        tuple("description", "length"),
                        tuple("unitPriceCents", "positive"),
                        tuple("currency", "supported-currency"));
    }

    @Test
    void missingFieldsAreRequired() {
        var result = ProductValidation.validateNew(new HashMap<>());

        assertThat(violations(result))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        tuple("sku", "required"),
                        tuple("name", "required"),
                        tuple("unitPriceCents", "required"),
                        tuple("currency", "required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "1ABC", "ACME-PRO", "ACME PRO", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void aSkuOutsideThePatternIsRefused(String sku) {
        assertThat(violations(ProductValidation.validateNew(product(sku, "n", null, 1, "EUR"))))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("sku", "pattern"));
    }

    @Test
    void pricesAreWholeCentsFromOneToAHundredMillion() {
        for (Object bad : List.of(-1, 0, 100_000_001L, 12.5, "100", new BigDecimal("1.01"))) {
            assertThat(violations(ProductValidation.validateNew(product("AB", "n", null, bad, "EUR"))))
                    .extracting(Violation::field, Violation::rule)
                    .containsExactly(tuple("unitPriceCents", "positive"));
        }
        for (Object good : List.of(1, 100_000_000L, 500.0, new BigDecimal("2.00"))) {
            assertThat(ProductValidation.validateNew(product("AB", "n", null, good, "EUR")))
                    .isInstanceOf(ProductValidation.Valid.class);
        }
    }

    @Test
    void namesMayHaveEightyCharactersButNotEightyOne() {
        assertThat(ProductValidation.validateNew(product("AB", "n".repeat(80), null, 1, "EUR")))
                .isInstanceOf(ProductValidation.Valid.class);
        assertThat(violations(ProductValidation.validateNew(product("AB", "n".repeat(81), null, 1, "EUR"))))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("name", "length"));
    }

    @Test
    void aChangeMayRepeatTheSkuButNotChangeIt() {
        Map<String, Object> same = product("ACME_PRO", "Acme", null, 1, "EUR");
        Map<String, Object> other = product("OTHER", "Acme", null, 1, "EUR");
        Map<String, Object> without = product(null, "Acme", null, 1, "EUR");

        assertThat(ProductValidation.validateChange(same, "ACME_PRO")).isInstanceOf(ProductValidation.Valid.class);
        assertThat(ProductValidation.validateChange(without, "ACME_PRO")).isInstanceOf(ProductValidation.Valid.class);
        assertThat(violations(ProductValidation.validateChange(other, "ACME_PRO")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("sku", "immutable"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "A\u0000B",
                "A\u0007B\u001b[31mRED\u001b[0m\u0008",
                "Tab\there",
                "Two\nlines",
                "Starter \u202eexe.txt\u202c",
                "zero\u200bwidth",
                "right\u200fmark",
                "isolate\u2066x\u2069",
                "bom\ufeff",
                "soft\u00adhyphen",
                "line\u2028separator",
                "lone \ud800 surrogate",
                "Za\u0301\u0302\u0303\u0304\u0305\u0306lgo"
            })
    void aNameWithCharactersThatAreNotShownAsThemselvesIsRefused(String name) {
        assertThat(violations(ProductValidation.validateNew(product("AB", name, null, 1, "EUR"))))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("name", "characters"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x\u0000y", "bell\u0007", "esc\u001b[2J", "tab\there", "\u202eevil", "a\u200db"})
    void aDescriptionWithControlOrFormatCharactersIsRefused(String description) {
        assertThat(violations(ProductValidation.validateNew(product("AB", "n", description, 1, "EUR"))))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("description", "characters"));
    }

    @Test
    void aDescriptionKeepsItsLineBreaksAsLineFeeds() {
        var result = ProductValidation.validateNew(
                product("AB", "n", "Up to 20 users\r\nPriority support\rOn-premises", 1, "EUR"));

        assertThat(result)
                .isEqualTo(new ProductValidation.Valid(
                        "AB",
                        new ProductFields("n", "Up to 20 users\nPriority support\nOn-premises", 1, "EUR", false)));
    }

    @Test
    void textIsStoredAsNfcAndAccentsAndOtherScriptsAreFine() {
        var result = ProductValidation.validateNew(product(
                "AB",
                "Cafe\u0301 Pro",
                "Ti\u00ea\u0301ng Vi\u1ec7t, \u65e5\u672c\u8a9e, "
                        + "\u0939\u093f\u0928\u094d\u0926\u0940, \ud83d\ude80",
                1,
                "EUR"));

        assertThat(result)
                .isEqualTo(new ProductValidation.Valid(
                        "AB",
                        new ProductFields(
                                "Caf\u00e9 Pro",
                                "Ti\u1ebfng Vi\u1ec7t, \u65e5\u672c\u8a9e, \u0939\u093f\u0928\u094d\u0926\u0940, \ud83d\ude80",
                                1,
                                "EUR",
                                false)));
    }

    @Test
    void aChangeIsHeldToTheSameCharacterRules() {
        assertThat(violations(ProductValidation.validateChange(product(null, "A\u0000", "x\u0000", 1, "EUR"), "AB")))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("name", "characters"), tuple("description", "characters"));
    }

    @Test
    void theDocumentedPatternsRefuseWhatTheRuleRefusesBelowUPlus10000() {
        Pattern name = Pattern.compile(ProductValidation.NAME_PATTERN);
        Pattern description = Pattern.compile(ProductValidation.DESCRIPTION_PATTERN);
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (Character.isSurrogate(c)) {
                continue; // not characters on their own: refused by the rule, left to JSON by the pattern
            }
            String text = "a" + c + "b";
            assertThat(name.matcher(text).matches())
                    .as("U+%04X in a name", (int) c)
                    .isEqualTo(
                            ProductValidation.validateNew(product("AB", text, null, 1, "EUR"))
                                    instanceof ProductValidation.Valid);
            assertThat(description.matcher(text).matches())
                    .as("U+%04X in a description", (int) c)
                    .isEqualTo(
                            ProductValidation.validateNew(product("AB", "n", text, 1, "EUR"))
                                    instanceof ProductValidation.Valid);
        }
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() {
        assertThat(violations(ProductValidation.validateNew(List.of())))
                .extracting(Violation::field)
                .containsExactly("body");
    }

    @Test
    void anIfMatchNamesOnlyStrongQuotedVersions() {
        assertThat(ETags.versions("\"3\"")).containsExactly(3L);
        assertThat(ETags.versions("\"3\", \"4\"")).containsExactly(3L, 4L);
        assertThat(ETags.versions("W/\"3\"")).isEmpty();
        assertThat(ETags.versions("*")).isEmpty();
        assertThat(ETags.versions("3")).isEmpty();
        assertThat(ETags.of(7)).isEqualTo("\"7\"");
    }
}
