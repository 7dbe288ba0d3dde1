package com.licenceshop.notification.ops;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.ProblemHandlers;
import com.licenceshop.servicedefaults.OpsCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * HTTP Basic for everything under {@code /ops}. A full security module would be more than this service needs:
 * one login, no sessions, no roles.
 */
@ServerFilter("/ops/**")
class OpsAuthenticationFilter {

    private final OpsCredentials credentials;

    OpsAuthenticationFilter(OpsCredentials credentials) {
        this.credentials = credentials;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (credentials.accept(request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            return null;
        }
        return ProblemHandlers.response(Problem.of(401, "Unauthorized",
                        "ops endpoints need the ops login (OPS_USERNAME / OPS_PASSWORD)"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"notification-service ops\"");
    }
}
