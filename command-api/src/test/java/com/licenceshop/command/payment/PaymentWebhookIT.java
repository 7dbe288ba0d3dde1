package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.testsupport.TestHttp;
import com.stripe.net.Webhook;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoint as the provider calls it (a real command API, real PostgreSQL): only a payload signed with the
 * secret within the tolerance is taken; each provider event id is recorded once.
 */
@MicronautTest(transactional = false)
class PaymentWebhookIT extends CommandApiIT {

    private static final String SECRET = "whsec_command_api_webhook_it";

    @Inject
    EmbeddedServer server;

    private Http http;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("shop.payment.webhook-secret", SECRET);
    }

    @BeforeAll
    void connect() {
        http = new Http(server.getURI());
    }

    private TestHttp.Response deliver(String payload, String signature) {
        return signature == null
                ? http.postRaw("/api/payments/webhook", "application/json; charset=utf-8", payload)
                : http.postRaw(
                        "/api/payments/webhook",
                        "application/json; charset=utf-8",
                        payload,
                        "Stripe-Signature",
                        signature);
    }

    private static String completed(String eventId, String orderId) {
        return WebhookVerificationTest.completedSession(orderId, "paid", 178_500)
                .replace("\"evt_1\"", "\"" + eventId + "\"");
    }

    private static String signed(String payload, String secret, Instant at) throws Exception {
        return "t=" + at.getEpochSecond() + ",v1="
                + Webhook.Util.computeHmacSha256(secret, at.getEpochSecond() + "." + payload);
    }

    private long recorded(String eventId) throws Exception {
        return count("SELECT count(*) FROM commands.provider_events WHERE event_id = '" + eventId + "'");
    }

    @Test
    void aForgedStaleOrUnsignedWebhookIs400AndNothingIsStored() throws Exception {
        String eventId = "evt_forged_" + UUID.randomUUID();
        String payload = completed(eventId, UUID.randomUUID().toString());

        TestHttp.Response forged = deliver(payload, signed(payload, "whsec_someone_else", Instant.now()));
        TestHttp.Response stale =
                deliver(payload, signed(payload, SECRET, Instant.now().minusSeconds(600)));
        TestHttp.Response unsigned = deliver(payload, null);
        TestHttp.Response changed = deliver(payload.replace("178500", "1"), signed(payload, SECRET, Instant.now()));

        for (TestHttp.Response response : new TestHttp.Response[] {forged, stale, unsigned, changed}) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("com.stripe");
        }
        assertThat(recorded(eventId)).isZero();
    }

    @Test
    void aWebhookDeliveredTwiceIsRecordedOnceAndAnsweredBothTimes() throws Exception {
        String eventId = "evt_twice_" + UUID.randomUUID();
        String payload = completed(eventId, UUID.randomUUID().toString());

        TestHttp.Response first = deliver(payload, signed(payload, SECRET, Instant.now()));
        TestHttp.Response second = deliver(payload, signed(payload, SECRET, Instant.now()));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json()).containsEntry("duplicate", false);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json()).containsEntry("duplicate", true);
        assertThat(recorded(eventId)).isEqualTo(1);
    }

    @Test
    void aWebhookForAnOrderNobodyKnowsIsAnsweredWithoutHarm() throws Exception {
        String eventId = "evt_stranger_" + UUID.randomUUID();
        String payload = completed(eventId, "not-an-order-of-ours");

        TestHttp.Response response = deliver(payload, signed(payload, SECRET, Instant.now()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM commands.provider_events WHERE event_id = '" + eventId
                        + "' AND order_id IS NULL"))
                .isEqualTo(1);
    }
}
