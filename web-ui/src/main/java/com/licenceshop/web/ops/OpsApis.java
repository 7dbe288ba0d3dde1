package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The ops endpoints of the other services (docs/contracts.md); OpsCredentialFilter adds the credential. */
final class OpsApis {

    private OpsApis() {}

    @Client(id = "command-api")
    interface CommandApiOps {
        @Get("/api/ops/outbox")
        Outbox outbox();

        /** Empty when the command API answers 404. */
        @Get("/api/ops/orders/{orderId}/trace")
        Optional<OrderTrace> order(@PathVariable UUID orderId);

        /** Payments that wait (ADR 13): card payments on the provider or the shopper, unpaid invoices, overdue first. */
        @Get("/api/ops/payments")
        List<Map<String, Object>> payments();

        /** Public (no credential needed); the console shows which key signs new licences. */
        @Get("/api/licences/public-key")
        LicenceKeys licenceKeys();
    }

    /** What the console needs of an order: the trace of the request that placed it (null before tracing). */
    @Serdeable
    record OrderTrace(String orderId, @Nullable String traceId) {}

    @Client(id = "sales-projector")
    interface SalesProjectorOps {
        /** 202 started, 409 already running (thrown as HttpClientResponseException). */
        @Post("/ops/rebuild")
        HttpResponse<Map<String, Object>> startRebuild();

        @Get("/ops/rebuild")
        Map<String, Object> rebuild();

        @Get("/ops/reconciliation")
        Map<String, Object> reconciliation();

        @Post("/ops/dead-letters/redrive")
        Moved redriveDeadLetters();
    }

    @Client(id = "notification-service")
    interface NotificationServiceOps {
        @Post("/ops/dead-letters/redrive")
        Moved redriveDeadLetters();
    }

    /** The key id new licence keys are signed with, and every key id that still verifies. */
    @Serdeable
    record LicenceKeys(String keyId, @Nullable List<Map<String, Object>> keys) {}

    @Serdeable
    record Outbox(
            long pending,
            @Nullable Long headSequence,
            @Nullable Long publishedSequence) {}

    @Serdeable
    record Moved(long moved) {}
}
