package com.licenceshop.command.order;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.request.JsonValues;
import com.licenceshop.servicedefaults.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a parsed JSON body (maps, lists, strings, numbers) against the rules of an order and either returns
 * the command or every broken rule, each naming its field. Pure: no I/O, no framework.
 */
public final class OrderRequestValidation {

    public static final int MAX_LINES = 20;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 100;
    static final int MAX_EMAIL_LENGTH = 254;
    // Deliberately practical rather than RFC 5322 complete: one @, a dotted domain, no spaces. Also the OpenAPI
    // pattern.
    static final String EMAIL_PATTERN =
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";
    private static final Pattern EMAIL = Pattern.compile(EMAIL_PATTERN);

    private OrderRequestValidation() {}

    public sealed interface Result permits Valid, Invalid, NotOnSale {}

    public record Valid(PlaceOrder order) implements Result {}

    public record Invalid(List<Violation> violations) implements Result {
        public Invalid {
            violations = List.copyOf(violations);
        }

        public boolean namesAnUnknownSku() {
            return violations.stream().anyMatch(v -> KNOWN_SKU.equals(v.rule()));
        }
    }

    /** A well-formed order that names a retired licence (each such line a violation, rule {@code on-sale}). */
    public record NotOnSale(List<Violation> violations) implements Result {
        public NotOnSale {
            violations = List.copyOf(violations);
        }
    }

    static final String KNOWN_SKU = "known-sku";
    static final int MAX_COMPANY_LENGTH = 200;
    static final int MAX_ADDRESS_LENGTH = 500;

    public static Result validate(Object body, Catalog catalog) {
        if (!(body instanceof Map<?, ?> request)) {
            return new Invalid(List.of(new Violation("body", "object", "must be a JSON object")));
        }
        List<Violation> violations = new ArrayList<>();
        String email = email(request.get("customerEmail"), violations);
        List<PlaceOrder.Item> items = items(request.containsKey("items"), request.get("items"), catalog, violations);
        String method = paymentMethod(request.get("paymentMethod"), violations);
        boolean invoice = PlaceOrder.INVOICE.equals(method);
        String company = text("company", request.get("company"), invoice, MAX_COMPANY_LENGTH, violations);
        String address = text("billingAddress", request.get("billingAddress"), invoice, MAX_ADDRESS_LENGTH, violations);
        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        List<Violation> retired = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (catalog.find(items.get(i).sku()).filter(p -> !p.onSale()).isPresent()) {
                retired.add(new Violation("items[" + i + "].sku", "on-sale", "is retired and no longer sold"));
            }
        }
        return retired.isEmpty()
                ? new Valid(new PlaceOrder(email, items, method, company, address))
                : new NotOnSale(retired);
    }

    private static String paymentMethod(Object value, List<Violation> violations) {
        if (value == null) {
            return PlaceOrder.CARD;
        }
        if (!PlaceOrder.CARD.equals(value) && !PlaceOrder.INVOICE.equals(value)) {
            violations.add(new Violation("paymentMethod", "payment-method", "must be CARD or INVOICE"));
            return null;
        }
        return (String) value;
    }

    /** Company and billing address: required on invoice, optional otherwise; trimmed, not blank, bounded. */
    private static String text(
            String field, Object value, boolean required, int maxLength, List<Violation> violations) {
        if (value == null) {
            if (required) {
                violations.add(new Violation(field, "required", "is required when paying on invoice"));
            }
            return null;
        }
        if (!(value instanceof String text)) {
            violations.add(new Violation(field, "type", "must be a string"));
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > maxLength) {
            violations.add(new Violation(field, "length", "must be 1 to " + maxLength + " characters"));
            return null;
        }
        return trimmed;
    }

    private static String email(Object value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation("customerEmail", "required", "is required"));
            return null;
        }
        if (!(value instanceof String email)) {
            violations.add(new Violation("customerEmail", "type", "must be a string"));
            return null;
        }
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            violations.add(new Violation("customerEmail", "email", "must be an e-mail address like name@example.com"));
            return null;
        }
        return email;
    }

    private static List<PlaceOrder.Item> items(
            boolean present, Object value, Catalog catalog, List<Violation> violations) {
        if (!present || value == null) {
            violations.add(new Violation("items", "required", "is required"));
            return List.of();
        }
        if (!(value instanceof List<?> lines)) {
            violations.add(new Violation("items", "type", "must be an array of {sku, quantity}"));
            return List.of();
        }
        if (lines.isEmpty()) {
            violations.add(new Violation("items", "not-empty", "must contain at least one line"));
            return List.of();
        }
        if (lines.size() > MAX_LINES) {
            violations.add(new Violation("items", "max-lines", "must contain at most " + MAX_LINES + " lines"));
            return List.of();
        }
        List<PlaceOrder.Item> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String field = "items[" + i + "]";
            if (!(lines.get(i) instanceof Map<?, ?> line)) {
                violations.add(new Violation(field, "type", "must be an object {sku, quantity}"));
                continue;
            }
            String sku = sku(field + ".sku", line.get("sku"), catalog, violations);
            Integer quantity = quantity(field + ".quantity", line.get("quantity"), violations);
            if (sku != null && quantity != null) {
                items.add(new PlaceOrder.Item(sku, quantity));
            }
        }
        return items;
    }

    private static String sku(String field, Object value, Catalog catalog, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(field, "required", "is required"));
            return null;
        }
        if (!(value instanceof String sku)) {
            violations.add(new Violation(field, "type", "must be a string"));
            return null;
        }
        if (catalog.find(sku).isEmpty()) {
            violations.add(new Violation(field, KNOWN_SKU, "must be one of " + catalog.onSaleSkus()));
            return null;
        }
        return sku;
    }

    private static Integer quantity(String field, Object value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(field, "required", "is required"));
            return null;
        }
        BigInteger quantity = JsonValues.wholeNumber(value);
        if (quantity == null) {
            violations.add(new Violation(field, "type", "must be a whole number"));
            return null;
        }
        if (quantity.compareTo(BigInteger.valueOf(MIN_QUANTITY)) < 0
                || quantity.compareTo(BigInteger.valueOf(MAX_QUANTITY)) > 0) {
            violations.add(new Violation(field, "range", "must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY));
            return null;
        }
        return quantity.intValue();
    }
}
