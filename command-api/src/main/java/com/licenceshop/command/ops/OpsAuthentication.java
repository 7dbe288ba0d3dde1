package com.licenceshop.command.ops;

import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.OpsCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** HTTP Basic for the ops endpoints, checked in constant time against OPS_USERNAME / OPS_PASSWORD. */
@ServerFilter({"/api/events", "/api/events/**", "/api/ops/**", "/api/sales-periods/**"})
class OpsAuthentication {

    static final String OPS_USER_ATTRIBUTE = "shop.opsUser";

    private final OpsCredentials credentials;
    private final Problems problems;

    OpsAuthentication(OpsCredentials credentials, Problems problems) {
        this.credentials = credentials;
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (!credentials.configured()) {
            return problems.respond(request, Problems.of(ProblemType.UNAUTHORIZED,
                    "Ops endpoints are disabled: OPS_PASSWORD is not set."));
        }
        if (credentials.accept(request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            request.setAttribute(OPS_USER_ATTRIBUTE, credentials.username());
            return null;
        }
        return problems.respond(request, Problems.of(ProblemType.UNAUTHORIZED, "Send the ops credential with HTTP Basic."));
    }
}
