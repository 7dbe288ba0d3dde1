package com.licenceshop.web.view;

import java.util.Locale;

/** Money is integer cents plus an ISO currency (DESIGN.md); this is the one place it becomes text. */
public final class Money {

    private Money() {}

    /** 150000, "EUR" → "1,500.00 EUR" (the same digits the confirmation mail shows). */
    public static String format(long cents, String currency) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        String amount = String.format(Locale.ENGLISH, "%s%,d.%02d", sign, abs / 100, abs % 100);
        return currency == null || currency.isBlank() ? amount : amount + " " + currency;
    }
}
