package com.licenceshop.provider.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** One event on its way to one endpoint, with what happened to it so far (shown by the test controls). */
final class Delivery {

    enum Status {
        PENDING,
        DELIVERED,
        FAILED,
        DROPPED,
        HELD
    }

    final String eventId;
    final String eventType;
    final String payload;
    final WebhookEndpoint endpoint;
    volatile Status status = Status.PENDING;
    volatile int attempts;
    volatile int lastHttpStatus;
    volatile String lastError;

    Delivery(String eventId, String eventType, String payload, WebhookEndpoint endpoint) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.payload = payload;
        this.endpoint = endpoint;
    }

    Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("event", eventId);
        o.put("type", eventType);
        o.put("endpoint", endpoint.id());
        o.put("status", status.name());
        o.put("attempts", attempts);
        o.put("last_http_status", lastHttpStatus);
        o.put("last_error", lastError);
        return o;
    }
}
