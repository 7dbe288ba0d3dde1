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
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Not Stripe's: the knobs the shop's fault tests turn (secret key required). Faults are armed for the next
 * deliveries in order; {@code event_type} narrows one to a type.
 */
@Controller("/test-controls/webhooks")
class TestControlsController {

    private final WebhookDeliveries deliveries;
    private final Json json;

    TestControlsController(WebhookDeliveries deliveries, Json json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    /** {@code fault=drop|duplicate|delay|hold}, {@code count} (1), {@code event_type} (any), {@code delay_ms} (for delay). */
    @Post("/faults")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> arm(@Nullable @Body String body) {
        Map<String, Object> form = FormBody.parse(body);
        WebhookFault.Kind kind;
        try {
            kind = WebhookFault.Kind.valueOf(String.valueOf(form.get("fault")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest("fault must be one of drop, duplicate, delay, hold", "fault");
        }
        int count = intOf(form, "count", 1);
        Duration delay = Duration.ofMillis(intOf(form, "delay_ms", 0));
        deliveries.arm(new WebhookFault(kind, (String) form.get("event_type"), delay), count);
        return json.ok(Map.of("armed", count, "fault", kind.name().toLowerCase(Locale.ROOT)));
    }

    @Delete("/faults")
    HttpResponse<String> clear() {
        deliveries.clearFaults();
        return json.ok(Map.of("cleared", true));
    }

    /** {@code order=reverse} (newest held first) or {@code arrival}. */
    @Post("/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> release(@Nullable @Body String body) {
        boolean reverse = "reverse".equals(FormBody.parse(body).get("order"));
        return json.ok(Map.of("released", deliveries.release(reverse)));
    }

    @Get("/deliveries")
    HttpResponse<String> deliveries() {
        return json.ok(Map.of(
                "object",
                "list",
                "data",
                deliveries.deliveries().stream().map(Delivery::toJson).toList()));
    }

    private static int intOf(Map<String, Object> form, String name, int otherwise) {
        Object value = form.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.toString());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest(name + " must be a whole number >= 0", name);
        }
    }
}
