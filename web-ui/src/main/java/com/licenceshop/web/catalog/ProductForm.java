package com.licenceshop.web.catalog;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.web.errors.CommandApiProblems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The add and edit forms as posted, every field as typed, so a refused form comes back with what was written. The
 * rules are the command API's: this form only refuses what cannot even be sent (a price that is no amount, an edit
 * without its version). {@code keysBeforePayment} is a checkbox: "on" when ticked, absent otherwise.
 */
@Serdeable
record ProductForm(
        @Nullable String sku,
        @Nullable String name,
        @Nullable String description,
        @Nullable String price,
        @Nullable String currency,
        @Nullable String version,
        @Nullable String keysBeforePayment) {

    static final String SKU = "sku";
    static final String NAME = "name";
    static final String DESCRIPTION = "description";
    static final String PRICE = "price";
    static final String CURRENCY = "currency";
    static final String KEYS_BEFORE_PAYMENT = "keysBeforePayment";
    /** What a ticked checkbox sends, and what the form holds for a licence that has the setting. */
    static final String TICKED = "on";

    static final String FORM = "form";
    /** What a new licence is priced in unless the staff member types another currency. */
    static final String DEFAULT_CURRENCY = "EUR";

    /** 1299, 1299.5, 1299.00, 1,299.00; no sign, at most two decimals, at most 12 digits before the point. */
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,12}|\\d{1,3}(,\\d{3}){1,3})(\\.\\d{1,2})?");

    static ProductForm blank() {
        return new ProductForm("", "", "", "", DEFAULT_CURRENCY, null, null);
    }

    static ProductForm of(CatalogApi.Product product) {
        return new ProductForm(
                product.sku(),
                product.name(),
                product.description() == null ? "" : product.description(),
                priceText(product.unitPriceCents()),
                product.currency(),
                String.valueOf(product.version()),
                product.keysBeforePayment() ? TICKED : null);
    }

    /** Errors found before asking the command API. */
    Map<String, String> formatErrors(boolean editing) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!blank(price) && cents(price) == null) {
            errors.put(PRICE, "Enter the price as an amount in " + currencyOrDefault() + ", e.g. 1299.00.");
        }
        if (editing && parsedVersion() == null) {
            errors.put(
                    FORM,
                    "This form is incomplete (it has no version). Open the licence again and make the change there.");
        }
        return errors;
    }

    CatalogApi.NewProduct toNewProduct() {
        return new CatalogApi.NewProduct(
                trimmed(sku), trimmed(name), trimmed(description), cents(price), trimmed(currency), keysTicked());
    }

    CatalogApi.ProductChange toChange() {
        return new CatalogApi.ProductChange(
                trimmed(name), trimmed(description), cents(price), trimmed(currency), keysTicked());
    }

    boolean keysTicked() {
        return !blank(keysBeforePayment);
    }

    @Nullable
    Long parsedVersion() {
        try {
            long parsed = Long.parseLong(version == null ? "" : version.trim());
            return parsed > 0 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The command API's validation errors next to the form's fields; what belongs to none of them above the form. */
    static Map<String, String> errorsByField(Problem problem) {
        return CommandApiProblems.byField(
                problem, ProductForm::formField, FORM, "The command API did not accept the licence.");
    }

    static String formField(@Nullable String apiField) {
        String field = apiField == null ? "" : apiField.toLowerCase(Locale.ROOT);
        return switch (field) {
            case "sku" -> SKU;
            case "name" -> NAME;
            case "description" -> DESCRIPTION;
            case "unitpricecents" -> PRICE;
            case "currency" -> CURRENCY;
            case "keysbeforepayment" -> KEYS_BEFORE_PAYMENT;
            default -> FORM;
        };
    }

    /** "1,299.50" → 129950; null if the text is no amount. */
    @Nullable
    static Long cents(@Nullable String amount) {
        if (blank(amount) || !AMOUNT.matcher(amount.trim()).matches()) {
            return null;
        }
        return new BigDecimal(amount.trim().replace(",", "")).movePointRight(2).longValueExact();
    }

    /** 129950 → "1299.50": what the edit form's price field shows (Money formats prices for reading). */
    static String priceText(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    private String currencyOrDefault() {
        return blank(currency) ? DEFAULT_CURRENCY : currency.trim();
    }

    @Nullable
    private static String trimmed(@Nullable String value) {
        return blank(value) ? null : value.trim();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
