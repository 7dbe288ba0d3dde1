package com.licenceshop.command.problem;

import com.licenceshop.command.system.CorrelationIds;
import com.licenceshop.servicedefaults.DatabaseFailures;
import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.ProblemHandlers;
import com.licenceshop.servicedefaults.ProblemPolicy;
import com.licenceshop.servicedefaults.Violation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this API says in its problems (rendered by service-defaults' {@link ProblemHandlers}): the
 * {@link ProblemType}s, where it happened and the correlation id, JSON even for browsers. Rejected commands
 * (POSTs) are counted by reason.
 */
@Singleton
public class Problems implements ProblemPolicy {

    public static final String REJECTED_METRIC = "shop.commands.rejected";
    /** Request attribute: the seconds a 429's Retry-After says. */
    public static final String RETRY_AFTER = "shop.retry-after";

    private static final String TYPE_PREFIX = "urn:licence-shop:problem:";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final MeterRegistry meters;
    private final int maxRequestSize;

    Problems(MeterRegistry meters, @Value("${micronaut.server.max-request-size:10485760}") int maxRequestSize) {
        this.meters = meters;
        this.maxRequestSize = maxRequestSize;
    }

    public static Problem of(ProblemType type, String detail, List<Violation> errors) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, null, null, errors, null);
    }

    public static Problem of(ProblemType type, String detail) {
        return of(type, detail, List.of());
    }

    public static ProblemException exception(ProblemType type, String detail) {
        return new ProblemException(of(type, detail));
    }

    /** The short name of the type, e.g. {@code invalid-order}; the {@code reason} tag of the rejection metric. */
    public static String slug(Problem problem) {
        String type = problem.type();
        return type != null && type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    /** The HTTP answer for a problem, for the places that answer without throwing (filters). */
    public MutableHttpResponse<Problem> respond(HttpRequest<?> request, Problem problem) {
        return ProblemHandlers.respond(this, request, problem);
    }

    @Override
    public boolean htmlForBrowsers() {
        return false;
    }

    @Override
    public Problem locate(HttpRequest<?> request, Problem problem) {
        return problem.at(request.getPath(), CorrelationIds.of(request));
    }

    @Override
    public void decorate(HttpRequest<?> request, Problem problem, MutableHttpResponse<?> response) {
        if (request.getMethod() == HttpMethod.POST && problem.status() < 500) {
            meters.counter(REJECTED_METRIC, "reason", slug(problem)).increment();
        }
        if (problem.status() == 503) {
            // busy or the database away: both pass within seconds, and a client that waits helps both
            response.getHeaders().set("Retry-After", "1");
        }
        if (problem.status() == 429) {
            response.getHeaders()
                    .set(
                            "Retry-After",
                            request.getAttribute(RETRY_AFTER, Long.class)
                                    .orElse(1L)
                                    .toString());
        }
        if (problem.status() == 401 && catalogPath(request)) {
            // the ops Basic challenge (service-defaults) does not apply here: catalog writes take a staff token
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"command-api staff\"");
        }
    }

    /** A lost database is a 503 (retry later), anything else a 500; both reveal nothing. */
    @Override
    public Optional<Problem> unexpected(HttpRequest<?> request, Exception exception) {
        if (databaseUnreachable(exception)) {
            LOG.warn(
                    "database unreachable while handling {} {}: {}",
                    request.getMethod(),
                    request.getPath(),
                    exception.toString());
            return Optional.of(
                    of(ProblemType.UNAVAILABLE, "The database is unreachable. Nothing was stored; retry later."));
        }
        LOG.error("unexpected error while handling {} {}", request.getMethod(), request.getPath(), exception);
        return Optional.of(of(
                ProblemType.INTERNAL,
                "Something went wrong on our side. Quote the correlation id when you report it."));
    }

    /** Every error the framework raises itself (no route, wrong method, body too large, ...) by its type. */
    @Override
    public Problem frameworkError(ErrorContext context, HttpResponse<?> response) {
        ProblemType type = ProblemType.forStatus(response.code());
        return switch (type) {
            case PAYLOAD_TOO_LARGE ->
                context.getRootCause()
                                        .filter(ContentLengthExceededException.class::isInstance)
                                        .isPresent()
                                || context.getRequest().getContentLength() > maxRequestSize
                        ? of(
                                type,
                                "The request body exceeds " + maxRequestSize + " bytes.",
                                List.of(new Violation(
                                        "body", "max-size", "must be at most " + maxRequestSize + " bytes")))
                        : of(type, "The request line or headers are too large.");
            case UNSUPPORTED_MEDIA_TYPE ->
                of(
                        type,
                        "Send the body as application/json.",
                        List.of(new Violation("Content-Type", "media-type", "must be application/json")));
            case NOT_FOUND -> of(type, "No resource at " + context.getRequest().getPath() + ".");
            case METHOD_NOT_ALLOWED ->
                of(
                        type,
                        context.getRequest().getMethodName() + " is not allowed on "
                                + context.getRequest().getPath() + ".");
            case INTERNAL, UNAVAILABLE -> of(type, "Something went wrong on our side.");
            // micronaut-security's refusals (service-defaults' SecurityRefusals): the ops login's wording, or the
            // catalog's (docs/contracts.md)
            case UNAUTHORIZED ->
                of(
                        type,
                        catalogPath(context.getRequest())
                                ? "Catalog changes need a staff login: send web-ui's staff token as Authorization: Bearer."
                                : firstMessage(context));
            case FORBIDDEN ->
                of(
                        type,
                        catalogPath(context.getRequest())
                                ? "Catalog changes need a staff login with the role SALES."
                                : firstMessage(context));
            default -> of(type, firstMessage(context), violations(context));
        };
    }

    private static boolean catalogPath(HttpRequest<?> request) {
        String path = request.getPath();
        // and the sales staff's payment commands (ADR 13): the same staff token
        return path.equals("/api/products")
                || path.startsWith("/api/products/")
                || path.startsWith("/api/invoices/")
                || path.startsWith("/api/orders/") && path.endsWith("/refund");
    }

    static boolean databaseUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // no connection, a broken one, or none that could start a transaction
            if (t instanceof ConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLException sql && DatabaseFailures.connectionLost(sql)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstMessage(ErrorContext context) {
        return context.getErrors().stream()
                .map(Error::getMessage)
                .findFirst()
                .orElse("The request cannot be processed.");
    }

    private static List<Violation> violations(ErrorContext context) {
        List<Violation> violations = new ArrayList<>();
        for (Error error : context.getErrors()) {
            violations.add(new Violation(error.getPath().orElse("request"), "valid", error.getMessage()));
        }
        return violations;
    }
}
