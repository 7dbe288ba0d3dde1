package com.licenceshop.web.errors;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Reads a refusal of the command API back into the one {@link Problem} record it was sent as. */
@Singleton
public final class CommandApiProblems {

    private final JsonMapper json;

    CommandApiProblems(JsonMapper json) {
        this.json = json;
    }

    /** The problem+json body, or a problem made of the status alone when the body is none (a proxy's page, empty). */
    public Problem of(HttpClientResponseException rejected) {
        String body = rejected.getResponse().getBody(String.class).orElse("");
        try {
            return json.readValue(body, Problem.class);
        } catch (IOException | RuntimeException notAProblem) {
            return Problem.of(
                    rejected.getStatus().getCode(), rejected.getStatus().getReason(), null);
        }
    }

    /**
     * A form's error messages by its field names: each violation under the field {@code formField} maps its API
     * field to ({@code formKey} for those of no field); a refusal without violations puts its detail under
     * {@code formKey}, or {@code fallback} if it has none.
     */
    public static Map<String, String> byField(
            Problem problem, UnaryOperator<String> formField, String formKey, String fallback) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation error : problem.errors()) {
            String message = error.message() == null || error.message().isBlank() ? "is not valid" : error.message();
            errors.merge(formField.apply(error.field()), message, (first, second) -> first + " " + second);
        }
        if (errors.isEmpty()) {
            String detail = problem.detail() != null ? problem.detail() : problem.title();
            errors.put(formKey, detail == null || detail.isBlank() ? fallback : detail);
        }
        return errors;
    }
}
