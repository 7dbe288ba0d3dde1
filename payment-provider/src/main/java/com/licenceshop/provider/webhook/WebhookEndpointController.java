package com.licenceshop.provider.webhook;

import com.licenceshop.provider.api.ApiError;
import com.licenceshop.provider.api.FormBody;
import com.licenceshop.provider.api.Json;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/** {@code /v1/webhook_endpoints}: create (the answer carries the signing secret), list, delete. */
@Controller("/v1/webhook_endpoints")
class WebhookEndpointController {

    private final WebhookEndpoints endpoints;
    private final Json json;

    WebhookEndpointController(WebhookEndpoints endpoints, Json json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> create(@Nullable @Body String body) {
        return json.ok(endpoints.create(FormBody.parse(body)).toStripe(true));
    }

    @Get
    HttpResponse<String> list() {
        return json.ok(Map.of(
                "object",
                "list",
                "url",
                "/v1/webhook_endpoints",
                "has_more",
                false,
                "data",
                endpoints.all().stream().map(e -> e.toStripe(false)).toList()));
    }

    @Delete("/{id}")
    HttpResponse<String> delete(String id) {
        if (!endpoints.delete(id)) {
            throw ApiError.noSuch("webhook_endpoint", id, "id");
        }
        return json.ok(Map.of("id", id, "object", "webhook_endpoint", "deleted", true));
    }
}
