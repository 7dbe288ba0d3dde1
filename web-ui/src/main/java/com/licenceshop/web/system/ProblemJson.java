package com.licenceshop.web.system;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * JSON errors as RFC 9457 {@code application/problem+json}; browsers asking for HTML get {@link HtmlErrors}.
 * Client errors carry Micronaut's messages (binding, routing); a server-side failure only a generic detail and
 * the reference its exception is logged under ({@link InternalErrors}).
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemJson implements JsonErrorResponseBodyProvider<ProblemJson.Problem> {

    @Serdeable
    record Problem(String type, String title, int status, @Nullable String detail, List<FieldError> errors,
                   @Nullable String reference) {
    }

    @Serdeable
    record FieldError(@Nullable String field, String message) {
    }

    private final InternalErrors internalErrors;

    ProblemJson(InternalErrors internalErrors) {
        this.internalErrors = internalErrors;
    }

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        var reference = internalErrors.reference(context, response);
        if (reference.isPresent()) {
            return new Problem("about:blank", response.getStatus().getReason(), response.code(),
                    "Something went wrong on our side; please try again. Reference: " + reference.get(), List.of(),
                    reference.get());
        }
        List<FieldError> errors = context.getErrors().stream()
                .map(error -> new FieldError(error.getPath().orElse(null), error.getMessage()))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).message() : null;
        return new Problem("about:blank", response.getStatus().getReason(), response.code(), detail, errors, null);
    }

    @Override
    public String contentType() {
        return "application/problem+json";
    }
}
