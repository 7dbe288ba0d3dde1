package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.net.Webhook;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A card purchase end to end with the real local provider (ADR 13): no keys before payment, keys once after it,
 * whatever the webhooks do (twice, never, forged), and a provider that is down at checkout leaves nothing behind.
 */
@MicronautTest(transactional = false)
class CardPaymentIT extends PaymentIT {

    @Override
    protected Map<String, String> paymentProperties() {
        // a lost webhook is looked for after 1 s (then 2, 4, ... at most 3 s apart)
        return Map.of("shop.payment.reconcile-after", "1s", "shop.payment.reconcile-max", "3s");
    }

    private String checkoutUrl(String orderId) {
        var answer = checkout(orderId);
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        return (String) answer.json().get("checkoutUrl");
    }

    @Test
    void noKeysUntilACardPaysThenTheOrderGetsThemOnce() throws Exception {
        String orderId = place("card@example.com", "PROFESSIONAL", 2);
        assertThat(payment(orderId))
                .containsEntry("method", "CARD")
                .containsEntry("status", "PLACED")
                .containsEntry("canPay", true);
        assertThat(licences(orderId)).isEmpty();

        var created = checkout(orderId);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String url = (String) created.json().get("checkoutUrl");
        assertThat(url).contains("/c/pay/cs_");
        // asked again while it is open: the same page, no second session
        assertThat(checkout(orderId).json()).containsEntry("checkoutUrl", url).containsEntry("created", false);
        assertThat(payment(orderId))
                .containsEntry("status", "AWAITING_PAYMENT")
                .containsEntry("checkoutUrl", url)
                .containsEntry("outstandingCents", 357_000);

        assertThat(payOnTheHostedPage(url, PAYS)).isEqualTo(303);

        await().atMost(Duration.ofSeconds(20)).until(() -> "KEYS_ISSUED".equals(paymentStatus(orderId)));
        assertThat(licences(orderId)).hasSize(1);
        assertThat(events(orderId, "PaymentSucceeded")).isEqualTo(1);
        assertThat(events(orderId, "LicencesIssued")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND type = 'OrderPlaced' AND schema_version = 3"))
                .isEqualTo(1);
        assertThat(checkout(orderId).status()).isEqualTo(409);
    }

    @Test
    void aWebhookDeliveredTwiceIsOnePaymentAndOneKeySet() throws Exception {
        webhookFault("duplicate", "checkout.session.completed");
        String orderId = place("twice@example.com", "STARTER", 1);

        assertThat(payOnTheHostedPage(checkoutUrl(orderId), PAYS)).isEqualTo(303);

        await().atMost(Duration.ofSeconds(20)).until(() -> "KEYS_ISSUED".equals(paymentStatus(orderId)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM commands.provider_events WHERE order_id = '" + orderId
                                + "' AND type = 'checkout.session.completed'")
                        == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> events(orderId, "PaymentSucceeded") == 1 && events(orderId, "LicencesIssued") == 1);
    }

    @Test
    void aLostWebhookIsMadeUpForByReconcilingWithTheProvider() throws Exception {
        webhookFault("drop", "checkout.session.completed");
        String orderId = place("lost@example.com", "STARTER", 1);

        assertThat(payOnTheHostedPage(checkoutUrl(orderId), PAYS)).isEqualTo(303);

        await().atMost(Duration.ofSeconds(30)).until(() -> "KEYS_ISSUED".equals(paymentStatus(orderId)));
        assertThat(count("SELECT count(*) FROM commands.provider_events WHERE order_id = '" + orderId
                        + "' AND type = 'checkout.session.completed'"))
                .isZero();
        assertThat(events(orderId, "LicencesIssued")).isEqualTo(1);
    }

    @Test
    void aForgedOrStaleWebhookIsRefusedWith400AndChangesNothing() throws Exception {
        String orderId = place("forged@example.com", "STARTER", 1);
        checkoutUrl(orderId);
        String body =
                "{\"id\":\"evt_forged\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":"
                        + "{\"id\":\"cs_x\",\"object\":\"checkout.session\",\"client_reference_id\":\"" + orderId
                        + "\",\"payment_status\":\"paid\",\"amount_total\":71400,\"currency\":\"eur\",\"payment_intent\":\"pi_x\"}}}";
        long now = System.currentTimeMillis() / 1000;

        var forged = http.postRaw(
                "/api/payments/webhook",
                "application/json",
                body,
                "Stripe-Signature",
                "t=" + now + ",v1=" + "ab".repeat(32));
        var stale = http.postRaw(
                "/api/payments/webhook",
                "application/json",
                body,
                "Stripe-Signature",
                "t=" + (now - 3_600) + ",v1=" + Webhook.Util.computeHmacSha256(SECRET, (now - 3_600) + "." + body));

        assertThat(forged.status()).isEqualTo(400);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM commands.provider_events WHERE event_id = 'evt_forged'"))
                .isZero();
        assertThat(paymentStatus(orderId)).isEqualTo("AWAITING_PAYMENT");
        assertThat(events(orderId, "PaymentSucceeded")).isZero();
    }

    @Test
    void aDeclinedCardIsRecordedAndANewCheckoutPaysAfterwards() throws Exception {
        String orderId = place("declined@example.com", "STARTER", 1);
        String first = checkoutUrl(orderId);

        assertThat(payOnTheHostedPage(first, DECLINED)).isEqualTo(402);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ((Number) payment(orderId).get("failures")).intValue() == 1);
        assertThat(payment(orderId)).containsEntry("status", "AWAITING_PAYMENT").containsEntry("canPay", true);

        var again = checkout(orderId);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json()).containsEntry("attempt", 2);
        String second = (String) again.json().get("checkoutUrl");
        assertThat(second).isNotEqualTo(first);
        assertThat(payOnTheHostedPage(second, PAYS)).isEqualTo(303);

        await().atMost(Duration.ofSeconds(20)).until(() -> "KEYS_ISSUED".equals(paymentStatus(orderId)));
        assertThat(events(orderId, "PaymentFailed")).isEqualTo(1);
        assertThat(events(orderId, "LicencesIssued")).isEqualTo(1);
    }

    @Test
    void aProviderDownAtCheckoutIs503WritesNothingAndRetryWorks() throws Exception {
        String orderId = place("down@example.com", "STARTER", 1);
        toProvider.cut();
        try {
            var down = checkout(orderId);
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(down.contentType()).startsWith("application/problem+json");
            assertThat((String) down.json().get("detail")).contains("card provider does not answer");
            assertThat(events(orderId, "PaymentRequested")).isZero();
            assertThat(paymentStatus(orderId)).isEqualTo("PLACED");
        } finally {
            toProvider.restore();
        }

        String url = checkoutUrl(orderId);
        assertThat(payOnTheHostedPage(url, PAYS)).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> "KEYS_ISSUED".equals(paymentStatus(orderId)));
        assertThat(events(orderId, "PaymentRequested")).isEqualTo(1);
    }

    @Test
    void anOrderCancelledThenPaidGetsNoKeysAndItsMoneyBack() throws Exception {
        String orderId = place("cancelled@example.com", "STARTER", 1);
        String url = checkoutUrl(orderId);
        assertThat(http.postRaw("/api/orders/" + orderId + "/cancel", null, "").status())
                .isEqualTo(202);
        assertThat(checkout(orderId).status()).isEqualTo(409);

        assertThat(payOnTheHostedPage(url, PAYS)).isEqualTo(303);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM commands.provider_events WHERE order_id = '" + orderId
                                + "' AND type = 'refund.created'")
                        == 1);
        assertThat(events(orderId, "LicencesIssued")).isZero();
        assertThat(licences(orderId)).isEmpty();
    }

    @Test
    void refundingUnpaidIs409AndAPaidOrderIsRefundedOnce() throws Exception {
        String orderId = place("refund@example.com", "STARTER", 1);
        var unpaid = asStaff("/api/orders/" + orderId + "/refund", "");
        assertThat(unpaid.status()).as(unpaid.body()).isEqualTo(409);
        assertThat((String) unpaid.json().get("type")).endsWith(":order-not-paid");

        assertThat(payOnTheHostedPage(checkoutUrl(orderId), PAYS)).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> "KEYS_ISSUED".equals(paymentStatus(orderId)));

        var refunded = asStaff("/api/orders/" + orderId + "/refund", "");
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REFUNDED".equals(paymentStatus(orderId)));
        var again = asStaff("/api/orders/" + orderId + "/refund", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat((String) again.json().get("type")).endsWith(":already-refunded");
        assertThat(events(orderId, "OrderRefunded")).isEqualTo(1);
        assertThat(events(orderId, "LicenceRevoked")).isEqualTo(1);
    }
}
