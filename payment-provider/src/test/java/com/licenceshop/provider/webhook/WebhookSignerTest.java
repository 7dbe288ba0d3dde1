package com.licenceshop.provider.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void theHeaderIsWhatStripeJavaVerifies() throws Exception {
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\"}";
        long t = 1_800_000_000L;

        String header = WebhookSigner.header(payload, "whsec_abc", t);

        assertThat(header)
                .isEqualTo("t=" + t + ",v1=" + Webhook.Util.computeHmacSha256("whsec_abc", t + "." + payload));
        assertThat(Webhook.Signature.verifyHeader(
                        payload, header, "whsec_abc", 300, Clock.fixed(Instant.ofEpochSecond(t + 10), ZoneOffset.UTC)))
                .isTrue();
    }
}
