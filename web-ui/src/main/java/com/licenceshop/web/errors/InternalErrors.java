package com.licenceshop.web.errors;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an error response may say. A server-side failure (5xx) says only that it happened and gives a reference;
 * the detail (exception, SQL, pool, class names) goes to the log under that reference, never to the visitor.
 * Client errors (4xx) keep Micronaut's messages: they are about the request (a missing field, a bad id).
 */
@Singleton
class InternalErrors {

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The reference of a server-side failure (logged with its detail), empty for a client error. */
    Optional<String> reference(ErrorContext context, HttpResponse<?> response) {
        if (response.code() < 500) {
            return Optional.empty();
        }
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String reference = HexFormat.of().formatHex(bytes);
        var request = context.getRequest();
        String detail = context.getErrors().stream()
                .map(io.micronaut.http.server.exceptions.response.Error::getMessage)
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
        LOG.error(
                "{} {} answered {} (reference {}): {}",
                request.getMethodName(),
                request.getPath(),
                response.code(),
                reference,
                detail,
                context.getRootCause().orElse(null));
        return Optional.of(reference);
    }

    /** Micronaut's messages for a client error; none for a server-side failure. */
    static List<String> clientMessages(ErrorContext context, HttpResponse<?> response) {
        if (response.code() >= 500) {
            return List.of();
        }
        return context.getErrors().stream()
                .map(io.micronaut.http.server.exceptions.response.Error::getMessage)
                .toList();
    }
}
