package com.licenceshop.provider.checkout;

import java.time.YearMonth;
import java.util.Map;

/**
 * What a card does on the hosted page: Stripe's documented test cards
 * (https://docs.stripe.com/testing), so 4242 4242 4242 4242 pays and 4000 0000 0000 0002 is declined. A number
 * that fails the Luhn check, a past expiry or a short CVC are refused before any charge, as Stripe's form does; any
 * other well-formed number is declined the way Stripe's test mode declines a real card.
 */
final class Cards {

    record Decline(String code, String declineCode, String message) {}

    /** Refused by the form itself, never reaching a charge. */
    record FormError(String field, String message) {}

    private static final Map<String, Decline> DECLINES = Map.of(
            "4000000000000002", new Decline("card_declined", "generic_decline", "Your card was declined."),
            "4000000000009995", new Decline("card_declined", "insufficient_funds", "Your card has insufficient funds."),
            "4000000000009987", new Decline("card_declined", "lost_card", "Your card was declined."),
            "4000000000009979", new Decline("card_declined", "stolen_card", "Your card was declined."),
            "4000000000000069", new Decline("expired_card", "expired_card", "Your card has expired."),
            "4000000000000127",
                    new Decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
            "4000000000000119",
                    new Decline(
                            "processing_error",
                            "processing_error",
                            "An error occurred while processing your card. Try again in a little bit."));

    private static final java.util.Set<String> SUCCEEDING = java.util.Set.of(
            "4242424242424242",
            "4000056655665556",
            "5555555555554444",
            "2223003122003222",
            "5200828282828210",
            "378282246310005",
            "6011111111111117");

    private Cards() {}

    static String digits(String number) {
        return number == null ? "" : number.replaceAll("[\\s-]", "");
    }

    static FormError formError(String number, String expiry, String cvc, YearMonth now) {
        String n = digits(number);
        if (!n.matches("\\d{12,19}") || !luhn(n)) {
            return new FormError("card_number", "Your card number is incorrect.");
        }
        YearMonth expires = expiry(expiry);
        if (expires == null) {
            return new FormError("card_expiry", "Your card's expiration date is incomplete.");
        }
        if (expires.isBefore(now)) {
            return new FormError("card_expiry", "Your card's expiration year is in the past.");
        }
        if (cvc == null || !cvc.strip().matches("\\d{3,4}")) {
            return new FormError("card_cvc", "Your card's security code is incomplete.");
        }
        return null;
    }

    /** Null if the card pays. */
    static Decline decline(String number) {
        String n = digits(number);
        if (SUCCEEDING.contains(n)) {
            return null;
        }
        return DECLINES.getOrDefault(
                n,
                new Decline(
                        "card_declined",
                        "test_mode_live_card",
                        "Your card was declined. Your request was in test mode, but used a non test card. "
                                + "For a list of valid test cards, visit: https://stripe.com/docs/testing."));
    }

    static String brand(String number) {
        String n = digits(number);
        if (n.startsWith("4")) {
            return "visa";
        }
        if (n.startsWith("5") || n.startsWith("2")) {
            return "mastercard";
        }
        if (n.startsWith("3")) {
            return "amex";
        }
        return "discover";
    }

    static YearMonth expiry(String text) {
        if (text == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("^\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*$")
                .matcher(text);
        if (!m.matches()) {
            return null;
        }
        int month = Integer.parseInt(m.group(1));
        int year = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            return null;
        }
        return YearMonth.of(year < 100 ? 2000 + year : year, month);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
