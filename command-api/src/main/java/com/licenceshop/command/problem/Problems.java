package com.licenceshop.command.problem;

import com.licenceshop.command.system.CorrelationIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * Turns a {@link Problem} into the HTTP answer, the one way every error leaves this service. Rejected
 * commands (POSTs) are counted by reason.
 */
@Singleton
public class Problems {

    public static final String REJECTED_METRIC = "shop.commands.rejected";

    private final MeterRegistry meters;

    Problems(MeterRegistry meters) {
        this.meters = meters;
    }

    public MutableHttpResponse<Problem> respond(HttpRequest<?> request, Problem problem) {
        if (request.getMethod() == HttpMethod.POST && problem.status() < 500) {
            meters.counter(REJECTED_METRIC, "reason", problem.slug()).increment();
        }
        Problem located = problem.at(request.getPath(), CorrelationIds.of(request));
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(problem.status()))
                .body(located)
                .contentType(Problem.MEDIA_TYPE);
        if (problem.status() == 503) {
            // busy or the database away: both pass within seconds, and a client that waits helps both
            response.header("Retry-After", "1");
        }
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"licence-shop ops\", charset=\"UTF-8\"");
        }
        return response;
    }
}
