package com.licenceshop.web.login;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Blocking;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a staff login (the login form, or HTTP Basic for scripts) against {@code STAFF_USERS}. Runs on a
 * blocking thread: PBKDF2 with 600,000 iterations takes a noticeable fraction of a second on purpose.
 */
@Singleton
class StaffAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    private static final Logger LOG = LoggerFactory.getLogger(StaffAuthentication.class);
    /** Checked for unknown users too, so the answer takes as long whether or not the user exists. */
    private static final String DECOY_HASH = PasswordHashing.hash("decoy", PasswordHashing.DEFAULT_ITERATIONS);

    private final StaffUsers staff;
    private final LoginThrottle throttle;

    StaffAuthentication(@Value("${shop.staff.users:}") String staffUsers, LoginThrottle throttle) {
        this.throttle = throttle;
        try {
            this.staff = StaffUsers.parse(staffUsers);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        if (staff.size() == 0) {
            LOG.warn("STAFF_USERS is empty: nobody can log in to the sales dashboard or the ops console");
        }
    }

    @Override
    @Blocking
    public @NonNull AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                                        @NonNull AuthenticationRequest<String, String> login) {
        String name = login.getIdentity();
        var attempt = new LoginThrottle.Attempt(name, addressOf(request));
        var locked = throttle.begin(attempt);
        if (locked.isPresent()) {
            // refused without checking the password, so a locked-out guesser learns nothing
            LOG.warn("staff login refused for '{}' from {}: locked for {} s after repeated failures",
                    name, attempt.address(), locked.get().toSeconds() + 1);
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        String password = login.getSecret() == null ? "" : login.getSecret();
        var user = staff.find(name);
        boolean matches = PasswordHashing.matches(password, user.map(StaffUsers.StaffUser::passwordHash).orElse(DECOY_HASH));
        if (user.isPresent() && matches) {
            throttle.succeeded(attempt);
            LOG.info("staff login: {} {}", name, user.get().roles());
            return AuthenticationResponse.success(name, user.get().roles());
        }
        LOG.info("staff login refused for '{}' from {}", name, attempt.address());
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    private static String addressOf(@Nullable HttpRequest<?> request) {
        if (request == null || request.getRemoteAddress() == null || request.getRemoteAddress().getAddress() == null) {
            return "unknown";
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
