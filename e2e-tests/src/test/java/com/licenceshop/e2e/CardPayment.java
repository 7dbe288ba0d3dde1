package com.licenceshop.e2e;

import com.licenceshop.testsupport.TestHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Pays an order by card as a shopper does, without a browser (ADR 13): the order's checkout at the command API, then
 * the local provider's hosted form with Stripe's test card that pays. The keys follow asynchronously (the
 * provider's webhook → PaymentSucceeded + LicencesIssued → the keys mail).
 */
final class CardPayment {

    static final String PAYS = "4242 4242 4242 4242";

    private CardPayment() {}

    /** Pays the order; empty when the provider took the card (303 to the order page), else what went wrong. */
    static Optional<String> pay(String commandApiBaseUrl, String orderId, String orderToken) {
        var checkout = TestHttp.postWithToken(commandApiBaseUrl + "/api/orders/" + orderId + "/checkout", orderToken);
        if (checkout.status() != 200 && checkout.status() != 201) {
            return Optional.of("checkout of " + orderId + ": " + checkout.status() + " " + checkout.body());
        }
        String checkoutUrl = (String) checkout.json().get("checkoutUrl");
        String form =
                "card_number=" + URLEncoder.encode(PAYS, StandardCharsets.UTF_8) + "&card_expiry=12%2F34&card_cvc=123";
        var card = TestHttp.send(HttpRequest.newBuilder(URI.create(checkoutUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html") // the hosted page answers a browser
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return card.status() == 303
                ? Optional.empty()
                : Optional.of("card of " + orderId + " at " + checkoutUrl + ": " + card.status() + " " + card.body());
    }

    /** Pays the order or fails the test with what went wrong. */
    static void payOrFail(String commandApiBaseUrl, String orderId, String orderToken) {
        pay(commandApiBaseUrl, orderId, orderToken).ifPresent(failure -> {
            throw new AssertionError("not paid: " + failure);
        });
    }
}
