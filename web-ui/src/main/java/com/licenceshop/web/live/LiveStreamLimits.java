package com.licenceshop.web.live;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * Counts open streams per key (a client address, an order) and refuses one more than its key allows with 429.
 * Anonymous streams cost a read per notification each, so their number must not be up to the client.
 */
@Singleton
public class LiveStreamLimits {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /** The stream, counted under every key from subscription to its end; 429 if one key is at its limit. */
    public <T> Flux<T> limited(Map<String, Integer> limits, Supplier<Flux<T>> stream) {
        return Flux.using(() -> acquire(limits), held -> stream.get(), this::release);
    }

    int openFor(String key) {
        return open.getOrDefault(key, 0);
    }

    private List<String> acquire(Map<String, Integer> limits) {
        List<String> held = new ArrayList<>();
        for (var limit : limits.entrySet()) {
            boolean[] full = {false};
            open.compute(limit.getKey(), (key, count) -> {
                int current = count == null ? 0 : count;
                full[0] = current >= limit.getValue();
                return full[0] ? count : Integer.valueOf(current + 1);
            });
            if (full[0]) {
                release(held);
                throw new HttpStatusException(
                        HttpStatus.TOO_MANY_REQUESTS, "Too many live pages are open; close some and reload");
            }
            held.add(limit.getKey());
        }
        return held;
    }

    private void release(List<String> held) {
        for (String key : held) {
            open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
        }
    }
}
