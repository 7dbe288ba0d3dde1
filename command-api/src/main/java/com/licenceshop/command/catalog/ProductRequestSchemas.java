package com.licenceshop.command.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of POST and PUT /api/products as documented in OpenAPI (the controller validates the raw JSON itself). */
final class ProductRequestSchemas {

    private ProductRequestSchemas() {}

    static final String NAME =
            "Shown text, stored stripped and in Unicode NFC. Refused (422, rule characters): control "
                    + "characters, line breaks, format characters (bidi overrides, zero-width characters, also those above "
                    + "U+FFFF), unpaired surrogates and more than 4 combining marks on one character.";
    static final String DESCRIPTION = "Optional; blank counts as none. As name, but line breaks are kept (as LF).";
    static final String KEYS_BEFORE_PAYMENT = "Optional, false when left out (a change sets it again: left out, it is"
            + " false). True: an invoice order whose licences all have it gets its keys with the invoice, before it is"
            + " paid; card orders always get them on payment.";

    @Schema(name = "NewProductRequest")
    record NewProduct(
            @Schema(
                    example = "ACME_PRO",
                    pattern = ProductValidation.SKU_PATTERN,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String sku,

            @Schema(
                    example = "Acme Pro",
                    minLength = 1,
                    maxLength = ProductValidation.MAX_NAME,
                    pattern = ProductValidation.NAME_PATTERN,
                    description = NAME,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(
                    example = "Up to 20 users",
                    maxLength = ProductValidation.MAX_DESCRIPTION,
                    pattern = ProductValidation.DESCRIPTION_PATTERN,
                    description = DESCRIPTION,
                    nullable = true)
            String description,

            @Schema(
                    example = "129900",
                    minimum = "1",
                    maximum = "100000000",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            long unitPriceCents,

            @Schema(example = "EUR", allowableValues = "EUR", requiredMode = Schema.RequiredMode.REQUIRED)
            String currency,

            @Schema(example = "false", defaultValue = "false", description = KEYS_BEFORE_PAYMENT)
            Boolean keysBeforePayment) {}

    @Schema(name = "ChangeProductRequest")
    record ChangedProduct(
            @Schema(
                    example = "Acme Pro",
                    minLength = 1,
                    maxLength = ProductValidation.MAX_NAME,
                    pattern = ProductValidation.NAME_PATTERN,
                    description = NAME,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(
                    example = "Up to 25 users",
                    maxLength = ProductValidation.MAX_DESCRIPTION,
                    pattern = ProductValidation.DESCRIPTION_PATTERN,
                    description = DESCRIPTION,
                    nullable = true)
            String description,

            @Schema(
                    example = "139900",
                    minimum = "1",
                    maximum = "100000000",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            long unitPriceCents,

            @Schema(example = "EUR", allowableValues = "EUR", requiredMode = Schema.RequiredMode.REQUIRED)
            String currency,

            @Schema(example = "false", defaultValue = "false", description = KEYS_BEFORE_PAYMENT)
            Boolean keysBeforePayment) {}

    static final String PRODUCT = """
            {"sku":"ACME_PRO","name":"Acme Pro","description":"Up to 20 users","unitPriceCents":129900,"currency":"EUR","status":"ON_SALE","version":1,"keysBeforePayment":false}""";
    static final String CHANGED = """
            {"sku":"ACME_PRO","name":"Acme Pro","description":"Up to 25 users","unitPriceCents":139900,"currency":"EUR","status":"ON_SALE","version":2,"keysBeforePayment":false}""";
}
