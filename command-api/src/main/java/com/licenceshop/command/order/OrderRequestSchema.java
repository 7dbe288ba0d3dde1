package com.licenceshop.command.order;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of POST /api/orders as documented in OpenAPI (the controller validates the raw JSON itself). */
@Schema(name = "PlaceOrderRequest")
record OrderRequestSchema(
        @Schema(example = "ada@example.com", requiredMode = Schema.RequiredMode.REQUIRED) String customerEmail,
        @Schema(minLength = 1, maxLength = 20, requiredMode = Schema.RequiredMode.REQUIRED) List<Item> items) {

    record Item(@Schema(example = "PROFESSIONAL", allowableValues = {"STARTER", "PROFESSIONAL", "ENTERPRISE"}) String sku,
                @Schema(minimum = "1", maximum = "100", example = "2") int quantity) {
    }
}
