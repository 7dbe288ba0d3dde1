package com.licenceshop.command.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} (an extension member) lists the violated rules of a rejected
 * request; {@code correlationId} ties the answer to the service's log lines.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String correlationId,
                      List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:licence-shop:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail, List<Violation> errors) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, null, null, errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return of(type, detail, List.of());
    }

    /** The short name of the type, e.g. {@code invalid-order}; the {@code reason} tag of the rejection metric. */
    public String slug() {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    Problem at(String instance, String correlationId) {
        return new Problem(type, title, status, detail, instance, correlationId, errors);
    }
}
