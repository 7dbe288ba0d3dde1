package com.licenceshop.servicedefaults;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a service says in its problems; {@link ProblemHandlers} does the rendering. A service replaces the
 * defaults by declaring one bean of this type (command-api: its problem types, metric and headers).
 */
public interface ProblemPolicy {

    /** Browsers asking for HTML get the service's HTML error page instead (command-api: JSON only). */
    default boolean htmlForBrowsers() {
        return true;
    }

    /** An error the framework raised itself (no route, bad parameter, body too large, ...). */
    default Problem frameworkError(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String detail = status >= 500
                ? "the service could not handle the request; its log has the cause"
                : context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return Problem.of(status, response.getStatus().getReason(), detail.isBlank() ? null : detail);
    }

    /** An exception that escaped a controller; empty: the framework's 500 ({@link #frameworkError}). */
    default Optional<Problem> unexpected(HttpRequest<?> request, Exception exception) {
        return Optional.empty();
    }

    /** The problem as sent: e.g. with where it happened. */
    default Problem locate(HttpRequest<?> request, Problem problem) {
        return problem;
    }

    /** Headers or metrics that go with a problem answer. */
    default void decorate(HttpRequest<?> request, Problem problem, MutableHttpResponse<?> response) {}
}
