package com.licenceshop.command.problem;

/** Every kind of problem this API answers with, and its HTTP status. */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", "Request body is not valid JSON", 400),
    INVALID_REQUEST("invalid-request", "Request is invalid", 400),
    INVALID_ORDER("invalid-order", "Order is invalid", 400),
    UNAUTHORIZED("unauthorized", "Credential required", 401),
    FORBIDDEN("forbidden", "Role required", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    DUPLICATE_SKU("duplicate-sku", "A product with this sku exists", 409),
    PRODUCT_RETIRED("product-retired", "The product is retired", 409),
    ORDER_NOT_PAYABLE("order-not-payable", "The order cannot be paid now", 409),
    ORDER_NOT_PAID("order-not-paid", "The order is not paid", 409),
    ORDER_PAID("order-paid", "The order is paid; it is refunded, not cancelled", 409),
    ALREADY_REFUNDED("already-refunded", "The order is refunded already", 409),
    TRANSFER_ALREADY_RECORDED("transfer-already-recorded", "This transfer is recorded already", 409),
    STALE_PRODUCT("stale-product", "The product was changed meanwhile", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused with a different request", 422),
    INVALID_PRODUCT("invalid-product", "Product is invalid", 422),
    LICENCE_NOT_ON_SALE("licence-not-on-sale", "Licence not on sale", 422),
    PRECONDITION_REQUIRED("precondition-required", "If-Match required", 428),
    INVALID_LICENCE_KEY("invalid-licence-key", "Not a licence key", 422),
    TOO_MANY_ORDERS("too-many-orders", "Too many orders from this client or to this address", 429),
    INTERNAL("internal", "Internal error", 500),
    UNAVAILABLE("unavailable", "Service temporarily unavailable", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The type a framework error of this status becomes. */
    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != INVALID_ORDER && type != MALFORMED_JSON) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
