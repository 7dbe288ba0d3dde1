package com.licenceshop.command.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.licenceshop.command.payment.Payments;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderLine;
import com.licenceshop.servicedefaults.TraceHeaders;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as GET /api/orders/{id} shows it. {@code licences} stay listed after a cancel (verify says revoked);
 * {@code traceId}: the trace of the request that placed it (null for orders placed before tracing), so ops can open
 * it in the trace UI and grep the logs for it. {@code payment}: the payment step (ADR 13), null for an order whose keys
 * were issued at placement.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record OrderView(
        UUID orderId,
        String customerEmail,
        String currency,
        List<OrderLine> lines,
        long totalCents,
        String status,
        Instant placedAt,
        @Nullable Instant cancelledAt,
        List<LicenceKey> licences,
        @Nullable String traceId,

        @io.swagger.v3.oas.annotations.media.Schema(
                type = "object",
                implementation = Payments.PaymentView.class,
                description = "the payment (ADR 13); null while the " + "shop issues keys at placement")
        @Nullable
        Payments.PaymentView payment) {

    static OrderView of(StoredOrder order, @Nullable Payments.PaymentView payment) {
        return new OrderView(
                order.id(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents(),
                order.status(),
                order.placedAt(),
                order.cancelledAt(),
                order.licences(),
                new TraceHeaders.Stored(order.traceparent(), null).traceId(),
                payment);
    }
}
