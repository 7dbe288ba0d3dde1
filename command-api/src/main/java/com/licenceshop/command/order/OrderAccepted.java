package com.licenceshop.command.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * The answer to a command on an order: which order, and what became of it; a placed order's answer also carries
 * its access token (the proof that reads and cancels it: send it as the Order-Token header).
 */
@Serdeable
record OrderAccepted(
        UUID orderId,
        @Schema(allowableValues = {"ACCEPTED", "CANCELLED"}) String status,

        @Schema(
                description = "The order's access token (only in the answer to placing it; none for orders placed "
                        + "before tokens): send it as Order-Token to read or cancel the order",
                nullable = true)
        @Nullable
        String orderToken) {

    static OrderAccepted accepted(UUID orderId, @Nullable String orderToken) {
        return new OrderAccepted(orderId, "ACCEPTED", orderToken);
    }

    static OrderAccepted cancelled(UUID orderId) {
        return new OrderAccepted(orderId, "CANCELLED", null);
    }

    /** As an Idempotency-Key row stores it: never with the token. */
    String toJson() {
        return "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\"}";
    }
}
