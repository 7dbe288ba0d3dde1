package com.licenceshop.command.ops;

import com.licenceshop.command.problem.Problem;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP Basic for the ops endpoints, checked in constant time against OPS_USERNAME / OPS_PASSWORD. */
@ServerFilter({"/api/events", "/api/events/**", "/api/ops/**", "/api/sales-periods/**"})
class OpsAuthentication {

    static final String OPS_USER_ATTRIBUTE = "shop.opsUser";

    private final OpsConfig config;
    private final Problems problems;

    OpsAuthentication(OpsConfig config, Problems problems) {
        this.config = config;
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (!config.enabled()) {
            return problems.respond(request, Problem.of(ProblemType.UNAUTHORIZED,
                    "Ops endpoints are disabled: OPS_PASSWORD is not set."));
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6) && matches(header.substring(6).trim())) {
            request.setAttribute(OPS_USER_ATTRIBUTE, config.username());
            return null;
        }
        return problems.respond(request, Problem.of(ProblemType.UNAUTHORIZED, "Send the ops credential with HTTP Basic."));
    }

    private boolean matches(String encoded) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
