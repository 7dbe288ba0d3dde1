package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import org.junit.jupiter.api.Test;

class ProblemPolicyTest {

    private final ProblemPolicy defaults = new ProblemPolicy() {};

    @Test
    void aServerErrorSaysOnlyThatItHappenedNeverItsCause() {
        ErrorContext context = ErrorContext.builder(HttpRequest.GET("/ops/mails"))
                .cause(new IllegalStateException("pool exhausted"))
                .errorMessage("Internal Server Error: pool exhausted")
                .build();

        Problem problem = defaults.frameworkError(context, HttpResponse.serverError());

        assertThat(problem)
                .isEqualTo(Problem.of(
                        500,
                        "Internal Server Error",
                        "the service could not handle the request; its log has the cause"));
        assertThat(problem.type()).isEqualTo("about:blank");
    }

    @Test
    void aClientErrorCarriesTheFrameworksMessageAboutTheRequest() {
        ErrorContext context = ErrorContext.builder(HttpRequest.GET("/ops/mails"))
                .errorMessage("Required QueryValue [status] not specified")
                .build();

        Problem problem = defaults.frameworkError(context, HttpResponse.badRequest());

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("Required QueryValue [status] not specified");
    }
}
