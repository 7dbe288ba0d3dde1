package com.licenceshop.provider.checkout;

import com.licenceshop.provider.api.FormBody;
import com.licenceshop.provider.api.Idempotency;
import com.licenceshop.provider.api.Json;
import com.licenceshop.provider.api.ListPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/** {@code /v1/payment_intents/{id}} (retrieve) and {@code /v1/refunds} (create a whole or partial refund, retrieve, list). */
@Controller("/v1")
class PaymentController {

    private final Account account;
    private final Idempotency idempotency;
    private final Json json;

    PaymentController(Account account, Idempotency idempotency, Json json) {
        this.account = account;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Get("/payment_intents/{id}")
    HttpResponse<String> paymentIntent(String id) {
        return json.ok(account.paymentIntent(id));
    }

    @Post("/refunds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> refund(@Nullable @Body String body, @Nullable @Header("Idempotency-Key") String key) {
        return idempotency.run(key, "POST /v1/refunds " + body, () -> json.ok(account.refund(FormBody.parse(body))));
    }

    @Get("/refunds/{id}")
    HttpResponse<String> refundById(String id) {
        return json.ok(account.refundById(id));
    }

    /** Filters: {@code payment_intent}, {@code created}. */
    @Get("/refunds")
    HttpResponse<String> refunds(HttpRequest<?> request) {
        Map<String, Object> query = FormBody.parse(request.getUri().getRawQuery());
        var filter = ListPage.created(query.get("created"));
        if (query.get("payment_intent") instanceof String pi) {
            filter = filter.and(r -> pi.equals(r.get("payment_intent")));
        }
        return json.ok(
                ListPage.of(account.refundsNewestFirst().stream().filter(filter).toList(), query, "/v1/refunds"));
    }
}
