package com.licenceshop.web.shop;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The command API's catalog and order placement (docs/contracts.md). */
@Client(id = "command-api")
interface ShopApi {

    @Get("/api/products")
    List<Product> products();

    /** 202 with the order id; 4xx with application/problem+json (thrown as HttpClientResponseException). */
    @Post("/api/orders")
    /** {@code shopper}: the shopper's address, for the command API's per-client order limit (it trusts web-ui's). */
    HttpResponse<OrderAccepted> placeOrder(
            @Body PlaceOrder order,
            @Header("Idempotency-Key") String idempotencyKey,
            @Header("X-Forwarded-For") String shopper);

    @Serdeable
    record Product(String sku, String name, @Nullable String description, long unitPriceCents, String currency) {}

    /**
     * {@code paymentMethod} {@code CARD} or {@code INVOICE} (then with {@code company} and {@code billingAddress});
     * command-api ignores them while it issues keys at placement (PAYMENT_REQUIRED off).
     */
    @Serdeable
    record PlaceOrder(
            @Nullable String customerEmail,
            List<Item> items,
            @Nullable String paymentMethod,
            @Nullable String company,
            @Nullable String billingAddress) {}

    @Serdeable
    record Item(@Nullable String sku, int quantity) {}

    @Serdeable
    record OrderAccepted(
            String orderId,
            @Nullable String status,
            @Nullable String orderToken) {}
}
