package com.licenceshop.projector.ops;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.ProblemHandlers;
import com.licenceshop.servicedefaults.OpsCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Every {@code /ops/**} call needs the ops credential; when OPS_PASSWORD is unset, every call is refused. */
@ServerFilter("/ops/**")
class OpsAuthenticationFilter {

    private final OpsCredentials credentials;

    OpsAuthenticationFilter(OpsCredentials credentials) {
        this.credentials = credentials;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> authenticate(HttpRequest<?> request) {
        if (credentials.accept(request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            return null; // go on to the controller
        }
        String detail = credentials.configured()
                ? "ops endpoints need the ops credential (HTTP Basic)"
                : "ops endpoints are disabled: OPS_PASSWORD is not set";
        return ProblemHandlers.response(Problem.of(HttpStatus.UNAUTHORIZED.getCode(), "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"sales-projector ops\"");
    }
}
