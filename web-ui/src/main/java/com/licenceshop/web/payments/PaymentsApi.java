package com.licenceshop.web.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * command-api's payment operations for staff (ADR 13, docs/contracts.md). The writes carry the staff member's
 * login as a Bearer token (security/StaffTokenFilter), the ops list the ops credential (security/OpsCredentialFilter).
 * A 404 comes back as the response; every other refusal is thrown with its problem+json body.
 */
@Client(id = "command-api")
interface PaymentsApi {

    @Post("/api/invoices/{number}/transfers")
    HttpResponse<Transfers> recordTransfer(@PathVariable String number, @Body Map<String, Object> transfer);

    @Post("/api/orders/{orderId}/refund")
    HttpResponse<Refund> refund(@PathVariable String orderId);

    @Get("/api/ops/payments")
    List<Waiting> waiting();

    /** An invoice after a transfer: what it asks, what arrived, what is left or too much. */
    @Serdeable
    record Transfers(
            String invoiceNumber,
            String orderId,
            long grossCents,
            long receivedCents,
            long outstandingCents,
            long overpaidCents,
            String status) {}

    /** The order's payment after a refund was asked for ({@code REFUNDING} until the provider confirms, or {@code REFUNDED}). */
    @Serdeable
    record Refund(@Nullable String method, @Nullable String status) {}

    /** A payment waiting on the provider or the shopper, or an invoice unpaid (overdue first). */
    @Serdeable
    record Waiting(
            String orderId,
            String method,
            String status,
            @Nullable String since,
            @Nullable String sessionId,
            @Nullable String invoiceNumber,
            @Nullable String dueDate,
            boolean overdue) {}
}
