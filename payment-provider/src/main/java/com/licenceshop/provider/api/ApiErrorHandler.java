package com.licenceshop.provider.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
class ApiErrorHandler implements ExceptionHandler<ApiError, HttpResponse<String>> {

    private final Json json;

    ApiErrorHandler(Json json) {
        this.json = json;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, ApiError error) {
        return json.response(error.status(), error.body());
    }
}
