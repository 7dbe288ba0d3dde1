package com.licenceshop.provider.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where events go, signed with this endpoint's own secret; {@code *} in enabledEvents means every type. */
record WebhookEndpoint(String id, String url, String secret, List<String> enabledEvents, long created) {

    boolean wants(String eventType) {
        return enabledEvents.contains("*") || enabledEvents.contains(eventType);
    }

    /** Stripe shows the secret only in the create answer. */
    Map<String, Object> toStripe(boolean withSecret) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("object", "webhook_endpoint");
        o.put("created", created);
        o.put("enabled_events", enabledEvents);
        o.put("livemode", false);
        o.put("status", "enabled");
        o.put("url", url);
        if (withSecret) {
            o.put("secret", secret);
        }
        return o;
    }
}
