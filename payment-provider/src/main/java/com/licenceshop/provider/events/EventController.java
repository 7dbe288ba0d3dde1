package com.licenceshop.provider.events;

import com.licenceshop.provider.api.ApiError;
import com.licenceshop.provider.api.FormBody;
import com.licenceshop.provider.api.Json;
import com.licenceshop.provider.api.ListPage;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

@Controller
class EventController {

    private final EventLog events;
    private final Json json;

    EventController(EventLog events, Json json) {
        this.events = events;
        this.json = json;
    }

    /** {@code type} (one, or a prefix with {@code *}), {@code types[]}, {@code created}, paging. */
    @Get("/v1/events")
    HttpResponse<String> list(HttpRequest<?> request) {
        Map<String, Object> query = FormBody.parse(request.getUri().getRawQuery());
        Predicate<Map<String, Object>> filter =
                ListPage.created(query.get("created")).and(typeFilter(query));
        return json.ok(ListPage.of(events.newestFirst(filter), query, "/v1/events"));
    }

    @Get("/v1/events/{id}")
    HttpResponse<String> retrieve(String id) {
        return json.ok(events.find(id).orElseThrow(() -> ApiError.noSuch("event", id, "id")));
    }

    /** Not Stripe's API (its dashboard and CLI resend): delivers a stored event to the endpoints again. */
    @Post("/test-controls/events/{id}/resend")
    HttpResponse<String> resend(String id) {
        Map<String, Object> event = events.find(id).orElseThrow(() -> ApiError.noSuch("event", id, "id"));
        events.resend(event);
        return json.ok(Map.of("resent", id));
    }

    private static Predicate<Map<String, Object>> typeFilter(Map<String, Object> query) {
        Object type = query.get("type");
        Object types = query.get("types");
        if (type instanceof String t) {
            return t.endsWith("*")
                    ? e -> ((String) e.get("type")).startsWith(t.substring(0, t.length() - 1))
                    : e -> t.equals(e.get("type"));
        }
        if (types instanceof List<?> list) {
            return e -> list.contains(e.get("type"));
        }
        return e -> true;
    }
}
