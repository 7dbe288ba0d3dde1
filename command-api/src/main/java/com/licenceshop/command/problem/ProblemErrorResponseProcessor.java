package com.licenceshop.command.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders every error the framework produces itself (no route, wrong method, unsupported media type, body
 * too large, unconvertible parameter, ...) as problem+json, never as HTML or a stack trace.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private final Problems problems;
    private final int maxRequestSize;

    ProblemErrorResponseProcessor(Problems problems,
                                  @io.micronaut.context.annotation.Value("${micronaut.server.max-request-size:10485760}") int maxRequestSize) {
        this.problems = problems;
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> baseResponse) {
        int status = baseResponse.code();
        ProblemType type = ProblemType.forStatus(status);
        Problem problem = switch (type) {
            case PAYLOAD_TOO_LARGE -> context.getRootCause().filter(ContentLengthExceededException.class::isInstance).isPresent()
                    || context.getRequest().getContentLength() > maxRequestSize
                    ? Problem.of(type, "The request body exceeds " + maxRequestSize + " bytes.",
                            List.of(new Violation("body", "max-size", "must be at most " + maxRequestSize + " bytes")))
                    : Problem.of(type, "The request line or headers are too large.");
            case UNSUPPORTED_MEDIA_TYPE -> Problem.of(type, "Send the body as application/json.",
                    List.of(new Violation("Content-Type", "media-type", "must be application/json")));
            case NOT_FOUND -> Problem.of(type, "No resource at " + context.getRequest().getPath() + ".");
            case METHOD_NOT_ALLOWED -> Problem.of(type, context.getRequest().getMethodName() + " is not allowed on "
                    + context.getRequest().getPath() + ".");
            case INTERNAL, UNAVAILABLE -> Problem.of(type, "Something went wrong on our side.");
            default -> Problem.of(type, firstMessage(context), violations(context));
        };
        MutableHttpResponse<Problem> rendered = problems.respond(context.getRequest(), problem);
        // keep what the framework put on the base response (e.g. Allow on 405)
        baseResponse.getHeaders().forEach((name, values) -> {
            if (!rendered.getHeaders().contains(name) && !"Content-Type".equalsIgnoreCase(name)
                    && !"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(v -> rendered.header(name, v));
            }
        });
        return rendered;
    }

    private static String firstMessage(ErrorContext context) {
        return context.getErrors().stream().map(Error::getMessage).findFirst().orElse("The request cannot be processed.");
    }

    private static List<Violation> violations(ErrorContext context) {
        List<Violation> violations = new ArrayList<>();
        for (Error error : context.getErrors()) {
            violations.add(new Violation(error.getPath().orElse("request"), "valid", error.getMessage()));
        }
        return violations;
    }
}
