package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.Stripe;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookVerificationTest {

    private static final String SECRET = "whsec_test_secret";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final WebhookVerification verification =
            new WebhookVerification(SECRET, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    static String completedSession(String orderId, String paymentStatus, long amount) {
        return """
                {"id":"evt_1","object":"event","api_version":"%s","created":%d,"type":"checkout.session.completed",
                 "livemode":false,"pending_webhooks":1,
                 "data":{"object":{"id":"cs_test_1","object":"checkout.session","client_reference_id":"%s",
                   "metadata":{"order_id":"%s"},"payment_intent":"pi_1","payment_status":"%s","status":"complete",
                   "amount_total":%d,"currency":"eur"}}}""".formatted(Stripe.API_VERSION, NOW.getEpochSecond(), orderId, orderId, paymentStatus, amount);
    }

    static String signed(String payload, String secret, Instant at) throws Exception {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + payload);
    }

    @Test
    void aWebhookSignedWithTheSecretWithinFiveMinutesIsVerified() throws Exception {
        String payload = completedSession("order-1", "paid", 178_500);

        var outcome = verification.verify(payload, signed(payload, SECRET, NOW.minusSeconds(299)));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        WebhookVerification.Verified.class,
                        v -> assertThat(v.event().getId()).isEqualTo("evt_1"));
    }

    @Test
    void aForgedChangedStaleOrUnsignedWebhookIsRejectedWithAReason() throws Exception {
        String payload = completedSession("order-1", "paid", 178_500);

        assertThat(verification.verify(payload, signed(payload, "whsec_other", NOW)))
                .isInstanceOf(WebhookVerification.Rejected.class);
        assertThat(verification.verify(payload.replace("178500", "1"), signed(payload, SECRET, NOW)))
                .isInstanceOf(WebhookVerification.Rejected.class);
        assertThat(verification.verify(payload, signed(payload, SECRET, NOW.minusSeconds(301))))
                .isInstanceOf(WebhookVerification.Rejected.class);
        assertThat(verification.verify(payload, signed(payload, SECRET, NOW.plusSeconds(301))))
                .isInstanceOf(WebhookVerification.Rejected.class);
        assertThat(verification.verify(payload, null))
                .isEqualTo(new WebhookVerification.Rejected("no Stripe-Signature header"));
        assertThat(verification.verify(payload, "garbage")).isInstanceOf(WebhookVerification.Rejected.class);
    }

    @Test
    void aPaidSessionAsksTheOrdersProcessToRecordTheCardPayment() throws Exception {
        String payload = completedSession("order-7", "paid", 178_500);
        var event = ((WebhookVerification.Verified) verification.verify(payload, signed(payload, SECRET, NOW))).event();

        assertThat(ProviderEvents.toTrigger(event))
                .hasValue(new ProviderEvents.ForOrder(
                        "order-7", new Trigger.CardPaid("cs_test_1", "pi_1", 178_500, "eur")));
    }

    @Test
    void aCompletedSessionThatIsNotPaidYetAsksNothing() throws Exception {
        String payload = completedSession("order-7", "unpaid", 178_500);
        var event = ((WebhookVerification.Verified) verification.verify(payload, signed(payload, SECRET, NOW))).event();

        assertThat(ProviderEvents.toTrigger(event)).isEmpty();
    }
}
