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
import java.util.function.Predicate;

/** {@code /v1/checkout/sessions}: create, retrieve, list, expire, line items (Stripe's shapes and errors). */
@Controller("/v1/checkout/sessions")
class CheckoutSessionController {

    private final Account account;
    private final Idempotency idempotency;
    private final Json json;

    CheckoutSessionController(Account account, Idempotency idempotency, Json json) {
        this.account = account;
        this.idempotency = idempotency;
        this.json = json;
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> create(@Nullable @Body String body, @Nullable @Header("Idempotency-Key") String key) {
        return idempotency.run(
                key, "POST /v1/checkout/sessions " + body, () -> json.ok(account.createSession(FormBody.parse(body))));
    }

    @Get("/{id}")
    HttpResponse<String> retrieve(String id) {
        return json.ok(account.session(id));
    }

    /** Filters: {@code status}, {@code payment_intent}, {@code created}; paging as Stripe. */
    @Get
    HttpResponse<String> list(HttpRequest<?> request) {
        Map<String, Object> query = FormBody.parse(request.getUri().getRawQuery());
        Predicate<Map<String, Object>> filter = ListPage.created(query.get("created"));
        if (query.get("status") instanceof String status) {
            filter = filter.and(s -> status.equals(s.get("status")));
        }
        if (query.get("payment_intent") instanceof String pi) {
            filter = filter.and(s -> pi.equals(s.get("payment_intent")));
        }
        return json.ok(ListPage.of(
                account.sessionsNewestFirst().stream().filter(filter).toList(), query, "/v1/checkout/sessions"));
    }

    @Post("/{id}/expire")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    HttpResponse<String> expire(String id, @Nullable @Header("Idempotency-Key") String key) {
        return idempotency.run(key, "POST /v1/checkout/sessions/" + id + "/expire", () -> json.ok(account.expire(id)));
    }

    @Get("/{id}/line_items")
    HttpResponse<String> lineItems(String id, HttpRequest<?> request) {
        return json.ok(ListPage.of(
                account.lineItems(id),
                FormBody.parse(request.getUri().getRawQuery()),
                "/v1/checkout/sessions/" + id + "/line_items"));
    }
}
