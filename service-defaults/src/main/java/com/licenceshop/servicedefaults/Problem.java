package com.licenceshop.servicedefaults;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem detail, the one error body every service sends (and web-ui reads back from command-api).
 * Extension members: {@code correlationId} ties the answer to the log lines, {@code errors} lists the violated
 * rules of a rejected request, {@code reference} names a server-side failure in the log.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Nullable String type,
        @Nullable String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable String correlationId,
        @Nullable List<Violation> errors,
        @Nullable String reference) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** RFC 9457: no type of its own beyond the HTTP status. */
    public static final String UNTYPED = "about:blank";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem whose HTTP status says it all ({@code about:blank}). */
    public static Problem of(int status, String title, @Nullable String detail) {
        return new Problem(UNTYPED, title, status, detail, null, null, List.of(), null);
    }

    public Problem withErrors(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, correlationId, violations, reference);
    }

    public Problem withReference(String logReference) {
        return new Problem(type, title, status, detail, instance, correlationId, errors, logReference);
    }

    /** Where it happened: the request path and the correlation id of its log lines. */
    public Problem at(String path, @Nullable String correlation) {
        return new Problem(type, title, status, detail, path, correlation, errors, reference);
    }
}
