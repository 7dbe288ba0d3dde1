package com.licenceshop.command.catalog;

import com.licenceshop.command.request.JsonValues;
import com.licenceshop.servicedefaults.Violation;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a parsed JSON body (maps, strings, numbers) against the rules of a licence and returns either the
 * fields or every broken rule, each naming its field and rule ({@code required}, {@code pattern},
 * {@code length}, {@code characters}, {@code positive}, {@code supported-currency}, {@code boolean}). Pure: no I/O, no framework.
 */
public final class ProductValidation {

    public static final String SKU_PATTERN = "^[A-Z][A-Z0-9_]{1,31}$";
    public static final int MAX_NAME = 80;
    public static final int MAX_DESCRIPTION = 500;
    public static final long MAX_PRICE_CENTS = 100_000_000;
    private static final String HIDDEN_ABOVE_ASCII = "\\u007F-\\u009F\\u00AD\\u0600-\\u0605\\u061C\\u06DD\\u070F\\u08E2"
            + "\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB";
    /**
     * What {@link #validateNew} refuses in a name and a description below U+10000 (C0/C1 controls, format characters
     * such as bidi overrides and zero-width ones, line and paragraph separators), as JSON Schema patterns for the
     * OpenAPI document; {@code ProductValidationTest} holds them to the rule for every character.
     */
    public static final String NAME_PATTERN = "^[^\\u0000-\\u001F" + HIDDEN_ABOVE_ASCII + "]*$";
    /** As {@link #NAME_PATTERN}, with line breaks (CR, LF) allowed. */
    public static final String DESCRIPTION_PATTERN =
            "^[^\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F" + HIDDEN_ABOVE_ASCII + "]*$";
    /** Combining marks on one base character: enough for any script's accents, too few to stack text over lines. */
    static final int MAX_MARKS = 4;

    private static final Pattern SKU = Pattern.compile(SKU_PATTERN);
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n?");

    private ProductValidation() {}

    public sealed interface Result permits Valid, Invalid {}

    record Valid(String sku, ProductFields fields) implements Result {}

    public record Invalid(List<Violation> violations) implements Result {
        public Invalid {
            violations = List.copyOf(violations);
        }
    }

    /** A new licence: {sku, name, description, unitPriceCents, currency, keysBeforePayment (optional)}. */
    public static Result validateNew(Object body) {
        if (!(body instanceof Map<?, ?> request)) {
            return notAnObject();
        }
        List<Violation> violations = new ArrayList<>();
        String sku = sku(request.get("sku"), violations);
        ProductFields fields = fields(request, violations);
        return violations.isEmpty() ? new Valid(sku, fields) : new Invalid(violations);
    }

    /**
     * A change of the licence {@code sku}: {name, description, unitPriceCents, currency}. A body may repeat the
     * sku (e.g. a form that sends the whole product), but not change it: the sku is the licence's identity.
     */
    public static Result validateChange(Object body, String sku) {
        if (!(body instanceof Map<?, ?> request)) {
            return notAnObject();
        }
        List<Violation> violations = new ArrayList<>();
        Object repeated = request.get("sku");
        if (repeated != null && !sku.equals(repeated)) {
            violations.add(new Violation("sku", "immutable", "cannot be changed; it must be " + sku + " or left out"));
        }
        ProductFields fields = fields(request, violations);
        return violations.isEmpty() ? new Valid(sku, fields) : new Invalid(violations);
    }

    private static Invalid notAnObject() {
        return new Invalid(List.of(new Violation("body", "required", "must be a JSON object")));
    }

    private static ProductFields fields(Map<?, ?> request, List<Violation> violations) {
        String name = name(request.get("name"), violations);
        String description = description(request.get("description"), violations);
        Long price = price(request.get("unitPriceCents"), violations);
        String currency = currency(request.get("currency"), violations);
        boolean keysBeforePayment = flag("keysBeforePayment", request.get("keysBeforePayment"), violations);
        return violations.isEmpty() ? new ProductFields(name, description, price, currency, keysBeforePayment) : null;
    }

    private static String sku(Object value, List<Violation> violations) {
        if (!(value instanceof String sku) || sku.isEmpty()) {
            violations.add(new Violation("sku", "required", "is required, as text"));
            return null;
        }
        if (!SKU.matcher(sku).matches()) {
            violations.add(new Violation(
                    "sku",
                    "pattern",
                    "must be 2 to 32 capital letters, digits or underscores, starting with a letter (e.g. ACME_PRO)"));
            return null;
        }
        return sku;
    }

    private static String name(Object value, List<Violation> violations) {
        if (!(value instanceof String text) || text.isBlank()) {
            violations.add(new Violation("name", "required", "is required, as text that is not blank"));
            return null;
        }
        String name = shownText("name", text, false, violations);
        if (name == null) {
            return null;
        }
        if (name.isEmpty()) {
            violations.add(new Violation("name", "required", "is required, as text that is not blank"));
            return null;
        }
        if (name.length() > MAX_NAME) {
            violations.add(new Violation("name", "length", "must be at most " + MAX_NAME + " characters"));
            return null;
        }
        return name;
    }

    /** Optional; blank counts as none. */
    private static String description(Object value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            violations.add(new Violation(
                    "description", "length", "must be text of at most " + MAX_DESCRIPTION + " characters"));
            return null;
        }
        String description = shownText("description", text, true, violations);
        if (description == null) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            violations.add(
                    new Violation("description", "length", "must be at most " + MAX_DESCRIPTION + " characters"));
            return null;
        }
        return description.isEmpty() ? null : description;
    }

    /**
     * Text that is shown to shoppers (pages, mails, licence keys), stripped and in NFC, or null (with the violation
     * rule {@code characters}) if it holds what is not shown as itself: control characters (NUL, ESC, BEL, ...),
     * format characters (bidi overrides, zero-width characters), line or paragraph separators, unpaired surrogates,
     * or more than {@value #MAX_MARKS} combining marks on one character. A description may have line breaks
     * (the staff form is a textarea); they are stored as LF.
     */
    private static String shownText(String field, String text, boolean lineBreaks, List<Violation> violations) {
        String value = lineBreaks ? LINE_BREAK.matcher(text).replaceAll("\n") : text;
        value = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        int marks = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            marks = type == Character.NON_SPACING_MARK
                            || type == Character.ENCLOSING_MARK
                            || type == Character.COMBINING_SPACING_MARK
                    ? marks + 1
                    : 0;
            boolean hidden = switch (type) {
                case Character.CONTROL -> !(lineBreaks && c == '\n');
                case Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                    true;
                default -> false;
            };
            if (hidden || marks > MAX_MARKS) {
                violations.add(new Violation(
                        field,
                        "characters",
                        "must not contain control characters, bidi or "
                                + "zero-width characters" + (lineBreaks ? " (line breaks are fine)" : " or line breaks")
                                + ", or more than " + MAX_MARKS + " accents on one letter"));
                return null;
            }
        }
        return value;
    }

    private static Long price(Object value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation("unitPriceCents", "required", "is required"));
            return null;
        }
        BigInteger cents = JsonValues.wholeNumber(value);
        if (cents == null || cents.signum() <= 0 || cents.compareTo(BigInteger.valueOf(MAX_PRICE_CENTS)) > 0) {
            violations.add(new Violation(
                    "unitPriceCents", "positive", "must be a whole number of cents from 1 to " + MAX_PRICE_CENTS));
            return null;
        }
        return cents.longValue();
    }

    /** Optional, false when absent (or null): a JSON true or false, nothing that merely looks like one. */
    private static boolean flag(String field, Object value, List<Violation> violations) {
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            violations.add(new Violation(field, "boolean", "must be true or false"));
            return false;
        }
        return flag;
    }

    private static String currency(Object value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation("currency", "required", "is required"));
            return null;
        }
        if (!(value instanceof String currency) || !Currencies.supported(currency)) {
            violations.add(new Violation("currency", "supported-currency", "must be one of " + Currencies.SUPPORTED));
            return null;
        }
        return currency;
    }
}
