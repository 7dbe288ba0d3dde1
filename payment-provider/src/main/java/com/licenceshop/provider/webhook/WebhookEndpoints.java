package com.licenceshop.provider.webhook;

import com.licenceshop.provider.api.ApiError;
import com.licenceshop.provider.api.ProviderConfig;
import com.licenceshop.provider.api.StripeIds;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The endpoints events go to: the one configured at start (if any) and those created through the API. */
@Singleton
class WebhookEndpoints {

    private final List<WebhookEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final Clock clock;

    WebhookEndpoints(ProviderConfig config, Clock clock) {
        this.clock = clock;
        if (config.webhookUrl() != null && !config.webhookUrl().isBlank()) {
            if (config.webhookSecret() == null || config.webhookSecret().isBlank()) {
                throw new IllegalStateException(
                        "provider.webhook-url is set without provider.webhook-secret (PAYMENT_WEBHOOK_SECRET)");
            }
            endpoints.add(new WebhookEndpoint(
                    "we_configured",
                    config.webhookUrl(),
                    config.webhookSecret(),
                    List.copyOf(config.webhookEvents()),
                    clock.instant().getEpochSecond()));
        }
    }

    List<WebhookEndpoint> all() {
        return List.copyOf(endpoints);
    }

    @SuppressWarnings("unchecked")
    WebhookEndpoint create(Map<String, Object> form) {
        Object url = form.get("url");
        if (!(url instanceof String u) || u.isBlank()) {
            throw ApiError.missingParam("url");
        }
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw ApiError.invalidRequest("Invalid URL: " + u, "url");
        }
        Object events = form.get("enabled_events");
        if (!(events instanceof List<?> list) || list.isEmpty()) {
            throw ApiError.missingParam("enabled_events");
        }
        WebhookEndpoint endpoint = new WebhookEndpoint(
                StripeIds.next("we_"),
                u,
                "whsec_" + StripeIds.random(32),
                (List<String>) list,
                clock.instant().getEpochSecond());
        endpoints.add(endpoint);
        return endpoint;
    }

    boolean delete(String id) {
        return endpoints.removeIf(e -> e.id().equals(id));
    }
}
