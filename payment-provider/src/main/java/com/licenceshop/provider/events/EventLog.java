package com.licenceshop.provider.events;

import com.licenceshop.provider.api.Json;
import com.licenceshop.provider.api.ProviderConfig;
import com.licenceshop.provider.api.StripeIds;
import com.licenceshop.provider.webhook.WebhookDeliveries;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every event the account produced, newest last, as {@code GET /v1/events} lists them (the shop reconciles from
 * here when a webhook never came). Each is stored before its webhook leaves.
 */
@Singleton
public class EventLog {

    private final List<Map<String, Object>> events = new ArrayList<>();
    private final WebhookDeliveries deliveries;
    private final Json json;
    private final ProviderConfig config;
    private final Clock clock;

    EventLog(WebhookDeliveries deliveries, Json json, ProviderConfig config, Clock clock) {
        this.deliveries = deliveries;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** Records an event whose {@code data.object} is a snapshot of {@code object} now, and sends its webhooks. */
    public Map<String, Object> record(String type, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", StripeIds.next("evt_"));
        event.put("object", "event");
        event.put("api_version", config.apiVersion());
        event.put("created", clock.instant().getEpochSecond());
        event.put("data", Map.of("object", deepCopy(object)));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", null);
        request.put("idempotency_key", null);
        event.put("request", request);
        event.put("type", type);
        synchronized (events) {
            events.add(event);
        }
        deliveries.deliver((String) event.get("id"), type, json.write(event));
        return event;
    }

    Optional<Map<String, Object>> find(String id) {
        synchronized (events) {
            return events.stream().filter(e -> e.get("id").equals(id)).findFirst();
        }
    }

    /** Newest first, as Stripe lists. */
    List<Map<String, Object>> newestFirst(Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> copy;
        synchronized (events) {
            copy = new ArrayList<>(events);
        }
        Collections.reverse(copy);
        return copy.stream().filter(filter).toList();
    }

    void resend(Map<String, Object> event) {
        deliveries.resend((String) event.get("id"), (String) event.get("type"), json.write(event));
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EventLog::deepCopy).toList();
        }
        return value;
    }
}
