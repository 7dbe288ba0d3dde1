package com.licenceshop.notification.system;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Every error Micronaut answers for us (404, 400 for a bad parameter, 500) as {@code application/problem+json}.
 * A server error says only that it happened: its cause is in the log, never in the response.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
class ProblemJsonErrors implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.status();
        String detail = status.getCode() >= 500
                ? "the service could not handle the request; its log has the cause"
                : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return Problem.of(status.getCode(), status.getReason(), detail.isBlank() ? null : detail);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
