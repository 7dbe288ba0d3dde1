package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * The ops login as a micronaut-security provider: HTTP Basic with {@link OpsCredentials} grants role {@link #ROLE};
 * the services' {@code intercept-url-map} says which paths need it. Unset OPS_PASSWORD: nobody is authenticated.
 * Failed logins are throttled per client address ({@link FailedLogins}; the services sit behind no proxy, so the
 * connection's address is the caller's).
 *
 * <p>Only where a service names its ops realm ({@code shop.ops.realm}): the backend services set it, web-ui does not.
 * web-ui has its own provider for staff logins (basic auth enabled for scripts), and with this one as well the ops
 * login would become a web-ui staff login with role OPS. A property rather than "no other provider": the condition
 * is then written where it is decided (each service's application.yml), not inferred from the classpath.
 */
@Singleton
@Requires(property = OpsAuthentication.REALM)
final class OpsAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    /** The realm of the ops login's challenge, e.g. "sales-projector ops"; its presence switches the ops login on. */
    static final String REALM = "shop.ops.realm";

    static final String ROLE = "OPS";

    private final OpsCredentials credentials;
    private final FailedLogins failures;

    OpsAuthentication(OpsCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.failures = new FailedLogins(clock);
    }

    // cheap (one constant-time compare), so it may run on the event loop
    @Override
    public @NonNull AuthenticationResponse authenticate(
            @Nullable HttpRequest<B> request, @NonNull AuthenticationRequest<String, String> login) {
        String address =
                request == null ? "unknown" : request.getRemoteAddress().getHostString();
        if (failures.locked(address)) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        if (credentials.accept(login.getIdentity(), login.getSecret())) {
            failures.succeeded(address);
            return AuthenticationResponse.success(credentials.username(), List.of(ROLE));
        }
        failures.failed(address);
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
}
