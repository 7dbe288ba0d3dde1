package com.licenceshop.web.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ops endpoints of sales-projector and notification-service as docs/contracts.md describes them, played
 * in the web UI's test server. Each refuses calls without the ops credential, as the real ones do.
 */
public final class StubOtherServices {

    private StubOtherServices() {}

    @Requires(property = "spec.name", value = TestShop.SPEC_NAME)
    @Controller("/stub/sales-projector/ops")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public static class SalesProjector {

        public final AtomicInteger rebuildsStarted = new AtomicInteger();
        public final AtomicInteger redrives = new AtomicInteger();
        private volatile Map<String, Object> rebuild = Map.of("state", "IDLE", "done", 0, "total", 0);

        public void reset() {
            rebuildsStarted.set(0);
            redrives.set(0);
            rebuild = Map.of("state", "IDLE", "done", 0, "total", 0);
        }

        @Post("/rebuild")
        synchronized HttpResponse<?> startRebuild(HttpRequest<?> request) {
            if (!StubOps.authorized(request)) {
                return HttpResponse.unauthorized();
            }
            if ("RUNNING".equals(rebuild.get("state"))) {
                return HttpResponse.status(io.micronaut.http.HttpStatus.CONFLICT);
            }
            rebuildsStarted.incrementAndGet();
            rebuild = Map.of(
                    "state",
                    "RUNNING",
                    "done",
                    0,
                    "total",
                    200,
                    "eventsPerSecond",
                    1000.0,
                    "startedAt",
                    Instant.now().toString());
            return HttpResponse.accepted();
        }

        /** Each look advances a running rebuild by a quarter, so a poller sees it progress and finish. */
        @Get("/rebuild")
        synchronized HttpResponse<?> rebuild(HttpRequest<?> request) {
            if (!StubOps.authorized(request)) {
                return HttpResponse.unauthorized();
            }
            Map<String, Object> shown = rebuild;
            if ("RUNNING".equals(rebuild.get("state"))) {
                int done = ((Number) rebuild.get("done")).intValue() + 50;
                Map<String, Object> next = new HashMap<>(rebuild);
                next.put("done", done);
                if (done >= 200) {
                    next.put("state", "DONE");
                    next.put("finishedAt", Instant.now().toString());
                }
                rebuild = Map.copyOf(next);
            }
            return HttpResponse.ok(shown);
        }

        @Get("/reconciliation")
        HttpResponse<?> reconciliation(HttpRequest<?> request) {
            if (!StubOps.authorized(request)) {
                return HttpResponse.unauthorized();
            }
            Map<String, Object> figures = Map.of("orders", 4, "licences", 7, "revenueCents", 1_250_000);
            return HttpResponse.ok(Map.of("matches", true, "readModel", figures, "eventStore", figures));
        }

        @Post("/dead-letters/redrive")
        HttpResponse<?> redrive(HttpRequest<?> request) {
            if (!StubOps.authorized(request)) {
                return HttpResponse.unauthorized();
            }
            redrives.incrementAndGet();
            return HttpResponse.ok(Map.of("moved", 3));
        }
    }

    @Requires(property = "spec.name", value = TestShop.SPEC_NAME)
    @Controller("/stub/notification-service/ops")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public static class NotificationService {

        public final AtomicInteger redrives = new AtomicInteger();

        @Post("/dead-letters/redrive")
        HttpResponse<?> redrive(HttpRequest<?> request) {
            if (!StubOps.authorized(request)) {
                return HttpResponse.unauthorized();
            }
            redrives.incrementAndGet();
            return HttpResponse.ok(Map.of("moved", 2));
        }
    }
}
