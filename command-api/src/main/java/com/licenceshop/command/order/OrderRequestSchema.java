package com.licenceshop.command.order;

import com.licenceshop.command.catalog.ProductValidation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of POST /api/orders as documented in OpenAPI (the controller validates the raw JSON itself). */
@Schema(name = "PlaceOrderRequest")
record OrderRequestSchema(
        @Schema(
                example = "ada@example.com",
                format = "email",
                maxLength = OrderRequestValidation.MAX_EMAIL_LENGTH,
                pattern = OrderRequestValidation.EMAIL_PATTERN,
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "where the confirmation goes; one @ and a dotted domain, ASCII, no spaces")
        String customerEmail,

        @ArraySchema(
                minItems = 1,
                maxItems = OrderRequestValidation.MAX_LINES,
                arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED),
                schema = @Schema(implementation = Item.class))
        List<Item> items,

        @Schema(
                allowableValues = {"CARD", "INVOICE"},
                defaultValue = "CARD",
                nullable = true,
                description =
                        "how the order is paid while payment is required (ADR 13): CARD through the provider's hosted "
                                + "checkout (POST /api/orders/{id}/checkout), INVOICE by bank transfer (needs company and billingAddress); "
                                + "ignored while the shop issues keys at placement")
        String paymentMethod,

        @Schema(
                maxLength = OrderRequestValidation.MAX_COMPANY_LENGTH,
                nullable = true,
                example = "Lovelace Analytical Ltd",
                description = "the invoice's addressee; required with INVOICE")
        String company,

        @Schema(
                maxLength = OrderRequestValidation.MAX_ADDRESS_LENGTH,
                nullable = true,
                example = "1 Engine Street\n10115 Berlin",
                description = "the invoice's address, lines separated by newlines; required with INVOICE")
        String billingAddress) {

    @Schema(name = "OrderItem")
    record Item(
            @Schema(
                    example = "PROFESSIONAL",
                    pattern = ProductValidation.SKU_PATTERN,
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "a licence on sale (GET /api/products); an unknown one is 400, a retired one 422")
            String sku,

            @Schema(
                    minimum = "" + OrderRequestValidation.MIN_QUANTITY,
                    maximum = "" + OrderRequestValidation.MAX_QUANTITY,
                    example = "2",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int quantity) {}
}
