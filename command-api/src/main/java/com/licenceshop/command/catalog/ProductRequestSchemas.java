package com.licenceshop.command.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of POST and PUT /api/products as documented in OpenAPI (the controller validates the raw JSON itself). */
final class ProductRequestSchemas {

    private ProductRequestSchemas() {
    }

    @Schema(name = "NewProductRequest")
    record NewProduct(
            @Schema(example = "ACME_PRO", pattern = ProductValidation.SKU_PATTERN, requiredMode = Schema.RequiredMode.REQUIRED) String sku,
            @Schema(example = "Acme Pro", minLength = 1, maxLength = ProductValidation.MAX_NAME, requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(example = "Up to 20 users", maxLength = ProductValidation.MAX_DESCRIPTION, nullable = true) String description,
            @Schema(example = "129900", minimum = "1", maximum = "100000000", requiredMode = Schema.RequiredMode.REQUIRED) long unitPriceCents,
            @Schema(example = "EUR", allowableValues = "EUR", requiredMode = Schema.RequiredMode.REQUIRED) String currency) {
    }

    @Schema(name = "ChangeProductRequest")
    record ChangedProduct(
            @Schema(example = "Acme Pro", minLength = 1, maxLength = ProductValidation.MAX_NAME, requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(example = "Up to 25 users", maxLength = ProductValidation.MAX_DESCRIPTION, nullable = true) String description,
            @Schema(example = "139900", minimum = "1", maximum = "100000000", requiredMode = Schema.RequiredMode.REQUIRED) long unitPriceCents,
            @Schema(example = "EUR", allowableValues = "EUR", requiredMode = Schema.RequiredMode.REQUIRED) String currency) {
    }

    static final String PRODUCT = """
            {"sku":"ACME_PRO","name":"Acme Pro","description":"Up to 20 users","unitPriceCents":129900,"currency":"EUR","status":"ON_SALE","version":1}""";
    static final String CHANGED = """
            {"sku":"ACME_PRO","name":"Acme Pro","description":"Up to 25 users","unitPriceCents":139900,"currency":"EUR","status":"ON_SALE","version":2}""";
    static final String INVALID = """
            {"type":"urn:licence-shop:problem:invalid-product","title":"Product is invalid","status":422,\
            "detail":"The product breaks 2 rule(s); nothing was stored.","instance":"/api/products",\
            "errors":[{"field":"sku","rule":"pattern","message":"must be 2 to 32 capital letters, digits or underscores, starting with a letter (e.g. ACME_PRO)"},\
            {"field":"unitPriceCents","rule":"positive","message":"must be a whole number of cents from 1 to 100000000"}]}""";
    static final String DUPLICATE = """
            {"type":"urn:licence-shop:problem:duplicate-sku","title":"A product with this sku exists","status":409,\
            "detail":"There is a product ACME_PRO already (retired ones count); nothing was stored.","instance":"/api/products"}""";
    static final String NOT_FOUND = """
            {"type":"urn:licence-shop:problem:not-found","title":"Not found","status":404,"detail":"There is no product ACME_PRO.",\
            "instance":"/api/products/ACME_PRO"}""";
    static final String STALE = """
            {"type":"urn:licence-shop:problem:stale-product","title":"The product was changed meanwhile","status":412,\
            "detail":"ACME_PRO is at version 3 now (ETag \\"3\\"), not the one you edited; nothing was stored. Read it again and re-apply your change.",\
            "instance":"/api/products/ACME_PRO"}""";
    static final String PRECONDITION_REQUIRED = """
            {"type":"urn:licence-shop:problem:precondition-required","title":"If-Match required","status":428,\
            "detail":"Send If-Match with the ETag you read (e.g. \\"3\\"), so that no one else's change is overwritten; nothing was stored.",\
            "instance":"/api/products/ACME_PRO"}""";
    static final String RETIRED = """
            {"type":"urn:licence-shop:problem:product-retired","title":"The product is retired","status":409,\
            "detail":"ACME_PRO is retired; a retired licence is not edited. Nothing was stored.","instance":"/api/products/ACME_PRO"}""";
}
