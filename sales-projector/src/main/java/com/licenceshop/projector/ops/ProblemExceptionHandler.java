package com.licenceshop.projector.ops;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unexpected becomes a 500 problem without a stack trace; the log has the details. */
@Produces
@Singleton
@Requires(classes = {Exception.class, ExceptionHandler.class})
class ProblemExceptionHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error", "the request failed; see the service log");
    }
}
