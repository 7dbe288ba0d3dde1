package com.licenceshop.command.order;

import com.licenceshop.command.catalog.ProductValidation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of POST /api/orders as documented in OpenAPI (the controller validates the raw JSON itself). */
@Schema(name = "PlaceOrderRequest")
record OrderRequestSchema(
        @Schema(example = "ada@example.com", format = "email", maxLength = OrderRequestValidation.MAX_EMAIL_LENGTH,
                pattern = OrderRequestValidation.EMAIL_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED,
                description = "where the confirmation goes; one @ and a dotted domain, ASCII, no spaces") String customerEmail,
        @ArraySchema(minItems = 1, maxItems = OrderRequestValidation.MAX_LINES, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED),
                schema = @Schema(implementation = Item.class)) List<Item> items) {

    @Schema(name = "OrderItem")
    record Item(@Schema(example = "PROFESSIONAL", pattern = ProductValidation.SKU_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED,
                        description = "a licence on sale (GET /api/products); an unknown one is 400, a retired one 422") String sku,
                @Schema(minimum = "" + OrderRequestValidation.MIN_QUANTITY, maximum = "" + OrderRequestValidation.MAX_QUANTITY,
                        example = "2", requiredMode = Schema.RequiredMode.REQUIRED) int quantity) {
    }
}
