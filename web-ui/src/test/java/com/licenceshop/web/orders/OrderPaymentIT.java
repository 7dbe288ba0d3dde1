package com.licenceshop.web.orders;

import static com.licenceshop.web.support.OrderPaths.idOf;
import static com.licenceshop.web.support.OrderPaths.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.web.live.DatabaseNotifications;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.EventStream;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order page of an order that must be paid first (ADR 13), against command-api's contract as the stub plays it. */
@WebUiIT
class OrderPaymentIT extends AgainstTheTestShop {

    @Inject
    StubCommandApi commandApi;

    @Inject
    DatabaseNotifications notifications;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("shop.live.payment-poll", "200ms");
        properties.put("shop.payment.checkout-origin", "http://provider.example");
        return properties;
    }

    @AfterEach
    void providerAnswersAgain() {
        commandApi.checkoutStatus = 201;
    }

    @Test
    void anUnpaidCardOrderShowsNoKeysAndOffersToPay() {
        String orderPath = unpaidCardOrder();

        Visitor.Page page = shop.visitor().get(orderPath);

        assertThat(state(page, "step-paid")).isEqualTo("current");
        assertThat(state(page, "step-keys")).isEqualTo("current");
        assertThat(page.count("licence-key")).isZero();
        assertThat(page.textOf("pay-button")).isEqualTo("Pay by card");
        assertThat(page.body()).doesNotContain("id=\"pay-form\" class=\"actions\" hidden");
    }

    @Test
    void thePayButtonSendsTheShopperToTheProvidersCheckoutPage() {
        String orderPath = unpaidCardOrder();
        Visitor shopper = shop.visitor();
        Visitor.Page page = shopper.get(orderPath);

        Visitor.Page paying = shopper.submit(page, checkoutPath(orderPath), Map.of("token", tokenOf(orderPath)));

        assertThat(paying.status()).isEqualTo(303);
        assertThat(paying.location()).startsWith("http://provider.example/c/pay/cs_test_");
        assertThat(commandApi.checkouts).contains(idOf(orderPath));
        // the browser follows the form's redirect to the provider only if the policy allows that target
        assertThat(paying.header("Content-Security-Policy")).contains("form-action 'self' http://provider.example");
    }

    @Test
    void aDeclinedCardShowsItsReasonAndThePayAgainButton() {
        Map<String, Object> declined = payment("CARD", "AWAITING_PAYMENT", true);
        declined.put("failures", 1);
        declined.put("lastFailure", "Your card was declined.");
        String orderId = commandApi.givenAnUnpaidOrder("ada@example.com", declined);

        Visitor.Page page = shop.visitor().get(pathOf(orderId));

        assertThat(state(page, "step-paid")).isEqualTo("failed");
        assertThat(page.body()).contains("Your card was declined.");
        assertThat(page.textOf("pay-button")).isEqualTo("Pay again");
    }

    @Test
    void aSilentProviderLeavesNothingChargedAndThePayButtonThere() {
        String orderPath = unpaidCardOrder();
        Visitor shopper = shop.visitor();
        commandApi.checkoutStatus = 503;

        Visitor.Page back =
                shopper.submit(shopper.get(orderPath), checkoutPath(orderPath), Map.of("token", tokenOf(orderPath)));

        assertThat(back.status()).isEqualTo(303);
        assertThat(back.location()).isEqualTo(orderPath + "&notice=provider-down");
        Visitor.Page page = shopper.get(back.location());
        assertThat(page.textOf("pay-notice")).contains("card provider does not answer", "Nothing was charged");
        assertThat(page.count("pay-button")).isEqualTo(1);
    }

    @Test
    void anOrderThatCannotBePaidAnyMoreSaysSo() {
        String orderPath = unpaidCardOrder();
        Visitor shopper = shop.visitor();
        commandApi.checkoutStatus = 409;

        Visitor.Page back =
                shopper.submit(shopper.get(orderPath), checkoutPath(orderPath), Map.of("token", tokenOf(orderPath)));

        assertThat(shopper.get(back.location()).textOf("pay-notice")).contains("cannot be paid any more");
    }

    @Test
    void payingWithoutAValidCsrfTokenIsRefused() {
        String orderPath = unpaidCardOrder();

        Visitor.Page refused = shop.visitor().postForm(checkoutPath(orderPath), Map.of("token", tokenOf(orderPath)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(commandApi.checkouts).doesNotContain(idOf(orderPath));
    }

    @Test
    void payingWithoutTheOrdersTokenStartsNoPayment() {
        String orderPath = unpaidCardOrder();
        Visitor stranger = shop.visitor();

        Visitor.Page back = stranger.submit(stranger.get("/"), checkoutPath(orderPath), Map.of("token", "wrong"));

        assertThat(back.location()).endsWith("notice=refused");
        assertThat(commandApi.checkouts).doesNotContain(idOf(orderPath));
    }

    @Test
    void anInvoiceOrderNamesItsInvoiceAndHasNoPayButton() {
        Map<String, Object> payment = payment("INVOICE", "AWAITING_PAYMENT", false);
        payment.put(
                "invoice",
                Map.of(
                        "number",
                        "2026-000042",
                        "issueDate",
                        "2026-12-07",
                        "dueDate",
                        "2026-12-21",
                        "netCents",
                        4900,
                        "vatRateBasisPoints",
                        1900,
                        "vatCents",
                        931,
                        "grossCents",
                        5831,
                        "receivedCents",
                        0,
                        "currency",
                        "EUR"));
        String orderId = commandApi.givenAnUnpaidOrder("ada@example.com", payment);

        Visitor.Page page = shop.visitor().get(pathOf(orderId));

        assertThat(page.body()).contains("invoice 2026-000042", "due 2026-12-21");
        assertThat(page.count("pay-button")).isZero();
    }

    @Test
    void thePaymentAndKeysArePushedLiveWhenThePaymentArrives() {
        String orderPath = unpaidCardOrder();
        String orderId = idOf(orderPath);
        await("listening").atMost(Duration.ofSeconds(10)).until(notifications::isListening);

        try (EventStream stream = EventStream.open(
                shop.baseUri(), "/orders/" + orderId + "/events?token=" + tokenOf(orderPath), Map.of())) {
            await("the current progress first")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !stream.named("progress").isEmpty());
            assertThat(latest(stream).get("payable")).isEqualTo(true);

            commandApi.payment(orderId, payment("CARD", "KEYS_ISSUED", false), true);

            await("paid and keys pushed")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> latest(stream)
                            .get("html")
                            .toString()
                            .contains("data-testid=\"step-paid\" data-state=\"done\""));
            Map<String, Object> update = latest(stream);
            assertThat(update.get("payable")).isEqualTo(false);
            assertThat(update.get("keysHtml").toString()).contains("stub." + orderId + "-1.c2lnbmF0dXJl");
        }
    }

    private String unpaidCardOrder() {
        String orderId = commandApi.givenAnUnpaidOrder("ada@example.com", payment("CARD", "PLACED", true));
        return pathOf(orderId);
    }

    private String pathOf(String orderId) {
        return "/orders/" + orderId + "?token=" + commandApi.tokenOf(orderId);
    }

    /** command-api's {@code payment} of an order (Payments.PaymentView). */
    private static Map<String, Object> payment(String method, String status, boolean canPay) {
        Map<String, Object> payment = new HashMap<>();
        payment.put("method", method);
        payment.put("status", status);
        payment.put("outstandingCents", 4900);
        payment.put("overpaidCents", 0);
        payment.put("failures", 0);
        payment.put("canPay", canPay);
        return payment;
    }

    private static String checkoutPath(String orderPath) {
        return "/orders/" + idOf(orderPath) + "/checkout";
    }

    private static String state(Visitor.Page page, String testId) {
        var matcher = java.util.regex.Pattern.compile("data-testid=\"" + testId + "\" data-state=\"([a-z]+)\"")
                .matcher(page.body());
        assertThat(matcher.find()).as("%s on the page", testId).isTrue();
        return matcher.group(1);
    }

    private Map<String, Object> latest(EventStream stream) {
        var events = stream.named("progress");
        try {
            return json.readValue(events.get(events.size() - 1).data(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
