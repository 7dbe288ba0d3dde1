package com.licenceshop.provider.webhook;

import java.time.Duration;

/**
 * A fault the test controls arm for the next deliveries (of one event type, or any): DROP never delivers (as an
 * endpoint that was down for Stripe's whole retry window), DUPLICATE delivers twice, DELAY waits first, HOLD parks
 * the delivery until it is released (released in reverse, held deliveries arrive out of order).
 */
record WebhookFault(Kind kind, String eventType, Duration delay) {

    enum Kind {
        DROP,
        DUPLICATE,
        DELAY,
        HOLD
    }

    boolean matches(String type) {
        return eventType == null || eventType.isBlank() || eventType.equals(type);
    }
}
