package com.licenceshop.command.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as GET /api/orders/{id} shows it; {@code licences} stay listed after a cancel (verify says revoked). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record OrderView(UUID orderId, String customerEmail, String currency, List<OrderLine> lines, long totalCents,
                 String status, Instant placedAt, @Nullable Instant cancelledAt, List<LicenceKey> licences) {

    static OrderView of(StoredOrder order) {
        return new OrderView(order.id(), order.customerEmail(), order.currency(), order.lines(), order.totalCents(),
                order.status(), order.placedAt(), order.cancelledAt(), order.licences());
    }
}
