package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * What a backend service answers when micronaut-security refuses a request: problem+json (worded by the service's
 * {@link ProblemPolicy}), 401 with the Basic challenge of its ops realm, 403 for a login without the role. Replaces
 * micronaut-security's empty answers; like {@link OpsAuthentication} not in web-ui, which redirects browsers to its
 * login page instead.
 */
@Singleton
@Requires(property = OpsAuthentication.REALM)
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class SecurityRefusals implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String NO_ROLE = "the login lacks the role this endpoint needs";
    static final String OPS_DISABLED = "ops endpoints are disabled: OPS_PASSWORD is not set";
    static final String OPS_NEEDED = "ops endpoints need the ops credential (HTTP Basic)";

    private final ProblemPolicy policy;
    private final OpsCredentials credentials;
    private final String challenge;

    SecurityRefusals(
            ProblemPolicy policy,
            OpsCredentials credentials,
            @Value("${" + OpsAuthentication.REALM + "}") String realm) {
        this.policy = policy;
        this.credentials = credentials;
        this.challenge = "Basic realm=\"" + realm.replace("\"", "") + "\", charset=\"UTF-8\"";
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException refusal) {
        if (refusal.isForbidden()) {
            return ProblemHandlers.frameworkProblem(
                    policy, context(request, refusal, NO_ROLE), HttpResponse.status(HttpStatus.FORBIDDEN));
        }
        String detail = credentials.configured() ? OPS_NEEDED : OPS_DISABLED;
        return ProblemHandlers.frameworkProblem(
                policy,
                context(request, refusal, detail),
                HttpResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    private static ErrorContext context(HttpRequest<?> request, AuthorizationException refusal, String detail) {
        return ErrorContext.builder(request).cause(refusal).errorMessage(detail).build();
    }
}
