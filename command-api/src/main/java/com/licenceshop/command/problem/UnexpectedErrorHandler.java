package com.licenceshop.command.problem;

import com.licenceshop.servicedefaults.DatabaseFailures;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * The last line: whatever escaped a controller is logged with its stack trace and answered with a problem
 * that reveals nothing. A lost database is a 503 (retry later), anything else a 500.
 */
@Singleton
class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    private final Problems problems;

    UnexpectedErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Exception exception) {
        if (databaseUnreachable(exception)) {
            LOG.warn("database unreachable while handling {} {}: {}", request.getMethod(), request.getPath(), exception.toString());
            return problems.respond(request, Problem.of(ProblemType.UNAVAILABLE,
                    "The database is unreachable. Nothing was stored; retry later."));
        }
        LOG.error("unexpected error while handling {} {}", request.getMethod(), request.getPath(), exception);
        return problems.respond(request, Problem.of(ProblemType.INTERNAL,
                "Something went wrong on our side. Quote the correlation id when you report it."));
    }

    static boolean databaseUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // no connection, a broken one, or none that could start a transaction
            if (t instanceof ConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLException sql && DatabaseFailures.connectionLost(sql)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
