package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one problem+json error handling of every service: problems thrown by controllers, exceptions that
 * escaped them, and errors the framework raises itself. Never a stack trace or a class name in the body.
 */
public final class ProblemHandlers {

    private ProblemHandlers() {}

    /** A problem answer as it leaves the service: status, media type, body. */
    public static MutableHttpResponse<Problem> response(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .body(problem)
                .contentType(Problem.MEDIA_TYPE);
    }

    /** The answer to a problem as the policy sends it: located and decorated (for filters, which cannot throw). */
    public static MutableHttpResponse<Problem> respond(ProblemPolicy policy, HttpRequest<?> request, Problem problem) {
        Problem located = policy.locate(request, problem);
        MutableHttpResponse<Problem> response = response(located);
        policy.decorate(request, located, response);
        return response;
    }

    /** A framework error (or a security refusal) as the policy words it, always problem+json. */
    static MutableHttpResponse<Object> frameworkProblem(
            ProblemPolicy policy, ErrorContext context, MutableHttpResponse<Object> response) {
        HttpRequest<?> request = context.getRequest();
        Problem problem = policy.locate(request, policy.frameworkError(context, response));
        response.body(problem).contentType(Problem.MEDIA_TYPE);
        policy.decorate(request, problem, response);
        return response;
    }

    /** The defaults when a service declares no policy of its own. */
    @Singleton
    @Secondary
    static final class DefaultPolicy implements ProblemPolicy {}

    @Singleton
    static final class Thrown implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

        private final ProblemPolicy policy;

        Thrown(ProblemPolicy policy) {
            this.policy = policy;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
            return respond(policy, request, exception.problem());
        }
    }

    @Singleton
    static final class Unexpected implements ExceptionHandler<Exception, HttpResponse<?>> {

        private static final Logger LOG = LoggerFactory.getLogger(Unexpected.class);

        private final ProblemPolicy policy;
        private final ErrorResponseProcessor<?> errors;

        Unexpected(ProblemPolicy policy, ErrorResponseProcessor<?> errors) {
            this.policy = policy;
            this.errors = errors;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, Exception exception) {
            return policy.unexpected(request, exception)
                    .<HttpResponse<?>>map(problem -> respond(policy, request, problem))
                    .orElseGet(() -> {
                        LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
                        return errors.processResponse(
                                ErrorContext.builder(request)
                                        .cause(exception)
                                        .errorMessage("Internal Server Error")
                                        .build(),
                                HttpResponse.serverError());
                    });
        }
    }

    /** Framework errors: problem+json, or the service's HTML error page for a browser if it has one. */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    static final class FrameworkErrors implements ErrorResponseProcessor<Object> {

        private final ProblemPolicy policy;
        private final HtmlErrorResponseBodyProvider html;

        FrameworkErrors(ProblemPolicy policy, HtmlErrorResponseBodyProvider html) {
            this.policy = policy;
            this.html = html;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> baseResponse) {
            HttpRequest<?> request = context.getRequest();
            MutableHttpResponse<Object> response = (MutableHttpResponse<Object>) baseResponse;
            if (request.getMethod() == HttpMethod.HEAD) {
                return response; // no body to render, as Micronaut's own processor
            }
            if (policy.htmlForBrowsers() && response.code() >= 400 && wantsHtml(request)) {
                return response.<Object>body(html.body(context, response)).contentType(html.contentType());
            }
            return frameworkProblem(policy, context, response);
        }

        // as Micronaut's own processor decides: HTML accepted and JSON not
        private static boolean wantsHtml(HttpRequest<?> request) {
            return request.accept().stream().anyMatch(MediaType.TEXT_HTML_TYPE::equals)
                    && request.accept().stream().noneMatch(type -> type.matchesExtension(MediaType.EXTENSION_JSON));
        }
    }
}
