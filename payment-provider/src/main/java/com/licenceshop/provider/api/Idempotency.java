package com.licenceshop.provider.api;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Stripe's {@code Idempotency-Key}: a POST repeated with the same key gets the first answer again (kept 24 hours);
 * the same key with other parameters is an {@code idempotency_error}. Only answers that succeeded are kept, as Stripe
 * keeps none for requests that failed validation.
 */
@Singleton
public class Idempotency {

    private static final Duration KEPT = Duration.ofHours(24);

    private record Saved(String fingerprint, int status, String body, Instant at) {}

    private final Map<String, Saved> saved = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Json json;

    Idempotency(Clock clock, Json json) {
        this.clock = clock;
        this.json = json;
    }

    public synchronized HttpResponse<String> run(String key, String fingerprint, Supplier<HttpResponse<String>> call) {
        if (key == null || key.isBlank()) {
            return call.get();
        }
        Instant now = clock.instant();
        saved.values().removeIf(s -> s.at().plus(KEPT).isBefore(now));
        Saved earlier = saved.get(key);
        if (earlier != null) {
            if (!earlier.fingerprint().equals(fingerprint)) {
                throw new ApiError(
                        400,
                        "idempotency_error",
                        null,
                        "Keys for idempotent requests can only be used with the "
                                + "same parameters they were first used with. Try using a key other than '" + key
                                + "' if you meant to execute a different request.",
                        null);
            }
            return json.raw(earlier.status(), earlier.body()).header("Idempotent-Replayed", "true");
        }
        HttpResponse<String> response = call.get();
        saved.put(key, new Saved(fingerprint, response.code(), response.body(), now));
        return response;
    }
}
