package com.licenceshop.command.order;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

/** The answer to a command on an order: which order, and what became of it. */
@Serdeable
record OrderAccepted(UUID orderId, @Schema(allowableValues = {"ACCEPTED", "CANCELLED"}) String status) {

    static OrderAccepted accepted(UUID orderId) {
        return new OrderAccepted(orderId, "ACCEPTED");
    }

    static OrderAccepted cancelled(UUID orderId) {
        return new OrderAccepted(orderId, "CANCELLED");
    }

    String toJson() {
        return "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\"}";
    }
}
