package com.licenceshop.provider.webhook;

import com.licenceshop.provider.api.ProviderConfig;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each event to every endpoint that wants it, as Stripe does: a POST of the event JSON, signed per attempt,
 * retried with backoff until a 2xx or the retry schedule runs out. No order is promised between events.
 */
@Context
public class WebhookDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final WebhookEndpoints endpoints;
    private final ProviderConfig config;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "webhook-delivery");
        t.setDaemon(true);
        return t;
    });
    private final List<Delivery> log = new CopyOnWriteArrayList<>();
    private final Deque<WebhookFault> faults = new ArrayDeque<>();
    private final List<Delivery> held = new ArrayList<>();

    WebhookDeliveries(WebhookEndpoints endpoints, ProviderConfig config, Clock clock) {
        this.endpoints = endpoints;
        this.config = config;
        this.clock = clock;
        this.http =
                HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).build();
    }

    /** Called once per event, after it is stored (so /v1/events already lists it when the shop hears of it). */
    public void deliver(String eventId, String eventType, String payload) {
        for (WebhookEndpoint endpoint : endpoints.all()) {
            if (!endpoint.wants(eventType)) {
                continue;
            }
            Delivery delivery = new Delivery(eventId, eventType, payload, endpoint);
            log.add(delivery);
            WebhookFault fault = takeFault(eventType);
            if (fault == null) {
                schedule(delivery, Duration.ZERO);
                continue;
            }
            LOG.info("webhook {} {} to {}: fault {}", eventType, eventId, endpoint.url(), fault.kind());
            switch (fault.kind()) {
                case DROP -> delivery.status = Delivery.Status.DROPPED;
                case DELAY -> schedule(delivery, fault.delay());
                case HOLD -> {
                    delivery.status = Delivery.Status.HELD;
                    synchronized (held) {
                        held.add(delivery);
                    }
                }
                case DUPLICATE -> {
                    schedule(delivery, Duration.ZERO);
                    Delivery twin = new Delivery(eventId, eventType, payload, endpoint);
                    log.add(twin);
                    schedule(twin, Duration.ofMillis(50));
                }
            }
        }
    }

    void arm(WebhookFault fault, int count) {
        synchronized (faults) {
            for (int i = 0; i < count; i++) {
                faults.addLast(fault);
            }
        }
    }

    /** Sends the held deliveries now, newest first when {@code reverse}: the way to make them arrive out of order. */
    int release(boolean reverse) {
        List<Delivery> toSend;
        synchronized (held) {
            toSend = new ArrayList<>(held);
            held.clear();
        }
        if (reverse) {
            java.util.Collections.reverse(toSend);
        }
        // one after the other, so the order chosen is the order of arrival
        scheduler.execute(() -> toSend.forEach(d -> {
            d.status = Delivery.Status.PENDING;
            attempt(d, 0, false);
        }));
        return toSend.size();
    }

    /** Delivers a stored event again, as "resend" in Stripe's dashboard does. */
    public void resend(String eventId, String eventType, String payload) {
        for (WebhookEndpoint endpoint : endpoints.all()) {
            if (endpoint.wants(eventType)) {
                Delivery delivery = new Delivery(eventId, eventType, payload, endpoint);
                log.add(delivery);
                schedule(delivery, Duration.ZERO);
            }
        }
    }

    void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    List<Delivery> deliveries() {
        return List.copyOf(log);
    }

    private WebhookFault takeFault(String eventType) {
        synchronized (faults) {
            for (Iterator<WebhookFault> it = faults.iterator(); it.hasNext(); ) {
                WebhookFault fault = it.next();
                if (fault.matches(eventType)) {
                    it.remove();
                    return fault;
                }
            }
            return null;
        }
    }

    private void schedule(Delivery delivery, Duration delay) {
        scheduler.schedule(() -> attempt(delivery, 0, true), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(Delivery delivery, int retry, boolean retryOnFailure) {
        delivery.attempts++;
        long timestamp = clock.instant().getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.endpoint.url()))
                    .timeout(config.webhookTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header(
                            "Stripe-Signature",
                            WebhookSigner.header(delivery.payload, delivery.endpoint.secret(), timestamp))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            delivery.lastHttpStatus = response.statusCode();
            if (response.statusCode() / 100 == 2) {
                delivery.status = Delivery.Status.DELIVERED;
                LOG.info(
                        "webhook {} {} delivered to {} (attempt {}, {})",
                        delivery.eventType,
                        delivery.eventId,
                        delivery.endpoint.url(),
                        delivery.attempts,
                        response.statusCode());
                return;
            }
            delivery.lastError = "HTTP " + response.statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            delivery.lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        List<Duration> delays = config.webhookRetryDelays();
        if (retryOnFailure && retry < delays.size()) {
            LOG.info(
                    "webhook {} {} to {} failed ({}), retry in {}",
                    delivery.eventType,
                    delivery.eventId,
                    delivery.endpoint.url(),
                    delivery.lastError,
                    delays.get(retry));
            scheduler.schedule(
                    () -> attempt(delivery, retry + 1, true), delays.get(retry).toMillis(), TimeUnit.MILLISECONDS);
        } else {
            delivery.status = Delivery.Status.FAILED;
            LOG.warn(
                    "webhook {} {} to {} given up after {} attempts ({})",
                    delivery.eventType,
                    delivery.eventId,
                    delivery.endpoint.url(),
                    delivery.attempts,
                    delivery.lastError);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
