package com.licenceshop.command.request;

import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/**
 * Reads a command's JSON body into maps, lists, strings and numbers, so that validation can name every broken
 * field (a bound record would stop at the first type error). Not JSON → 415 or 400, as problems.
 */
@Singleton
public class RequestBodies {

    private final JsonMapper json;

    RequestBodies(JsonMapper json) {
        this.json = json;
    }

    /** @param shape what the body should be, for the 400's message, e.g. {@code {customerEmail, items}} */
    public Object parse(HttpRequest<?> request, @Nullable byte[] body, String shape) {
        requireJson(request);
        if (body == null || body.length == 0) {
            throw malformed("The request body is empty.", shape);
        }
        try {
            Object parsed = json.readValue(body, Argument.OBJECT_ARGUMENT);
            if (parsed == null) {
                throw malformed("The request body is JSON null.", shape);
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw malformed("The request body is not valid JSON.", shape);
        }
    }

    private static void requireJson(HttpRequest<?> request) {
        boolean json = request.getContentType()
                .map(type -> type.getType().equals("application") && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")))
                .orElse(false);
        if (!json) {
            throw new ProblemException(Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.",
                    List.of(new Violation("Content-Type", "media-type", "must be application/json"))));
        }
    }

    private static ProblemException malformed(String detail, String shape) {
        return new ProblemException(Problems.of(ProblemType.MALFORMED_JSON, detail,
                List.of(new Violation("body", "json", "must be a JSON object " + shape))));
    }
}
