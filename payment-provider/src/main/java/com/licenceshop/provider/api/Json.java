package com.licenceshop.provider.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Stripe objects are plain maps here; this writes them as the JSON the API answers and webhooks carry. */
@Singleton
public class Json {

    private final JsonMapper mapper;

    Json(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> ok(Object value) {
        return response(200, value);
    }

    public MutableHttpResponse<String> response(int status, Object value) {
        return raw(status, write(value));
    }

    public MutableHttpResponse<String> raw(int status, String json) {
        return HttpResponse.<String>status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(json);
    }
}
