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
 * The ops login (HTTP Basic, {@link OpsCredentials}) as a micronaut-security provider granting {@link #ROLE}; failed
 * logins are throttled per address ({@link FailedLogins}). Only where a service names its ops realm: in web-ui it would
 * make the ops login a staff login. A property, not "no other provider", so the condition is written where it is
 * decided (each service's application.yml).
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
