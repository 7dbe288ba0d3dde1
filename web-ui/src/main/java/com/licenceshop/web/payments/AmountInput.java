package com.licenceshop.web.payments;

import io.micronaut.core.annotation.Nullable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount as sales staff type it off a bank statement, in cents: "595", "595.00", "595,5", "1,234.56",
 * "1.234,56". The last separator followed by one or two digits is the decimal one; the others group thousands.
 */
final class AmountInput {

    private static final Pattern AMOUNT = Pattern.compile("^(\\d{1,3}(?:[.,' ]?\\d{3})*|\\d+)(?:[.,](\\d{1,2}))?$");

    private AmountInput() {}

    /** The cents, or null when the text is no amount above zero. */
    @Nullable
    static Long cents(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip().replace("€", "").replace("EUR", "").strip();
        Matcher matcher = AMOUNT.matcher(trimmed);
        if (!matcher.matches()) {
            return null;
        }
        String units = matcher.group(1).replaceAll("[.,' ]", "");
        String fraction = matcher.group(2) == null ? "00" : (matcher.group(2) + "0").substring(0, 2);
        if (units.length() > 12) {
            return null;
        }
        long cents = Long.parseLong(units) * 100 + Long.parseLong(fraction);
        return cents > 0 ? cents : null;
    }
}
