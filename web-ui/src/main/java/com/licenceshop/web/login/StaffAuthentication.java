package com.licenceshop.web.login;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestReactiveAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.concurrent.RejectedExecutionException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Checks a staff login (form, or HTTP Basic for scripts) against {@code STAFF_USERS}. Reactive on purpose:
 * micronaut-security would run an imperative provider on the event loop, and PBKDF2 takes a noticeable fraction of a
 * second; the hash runs on {@link PasswordChecks}, cheap refusals answer at once (README).
 */
@Singleton
class StaffAuthentication<B> implements HttpRequestReactiveAuthenticationProvider<B> {

    private static final Logger LOG = LoggerFactory.getLogger(StaffAuthentication.class);
    /** Longer names are refused unchecked, and never become a throttle key or a log line of their own length. */
    static final int MAX_USERNAME_LENGTH = 64;
    /** micronaut-security's login endpoint ({@code micronaut.security.endpoints.login.path}, default). */
    private static final String LOGIN_PATH = "/login";
    /** Checked for unknown users too, so the answer takes as long whether or not the user exists. */
    private static final String DECOY_HASH = PasswordHashing.hash("decoy", PasswordHashing.DEFAULT_ITERATIONS);

    private final StaffUsers staff;
    private final LoginThrottle throttle;
    private final PasswordChecks checks;
    private final HttpClientAddressResolver clientAddresses;
    private final CheckBudget budget;
    private final RefusalLog refusals;

    StaffAuthentication(
            @Value("${shop.staff.users:}") String staffUsers,
            LoginThrottle throttle,
            PasswordChecks checks,
            HttpClientAddressResolver clientAddresses,
            CheckBudget budget,
            RefusalLog refusals) {
        this.budget = budget;
        this.refusals = refusals;
        this.throttle = throttle;
        this.checks = checks;
        this.clientAddresses = clientAddresses;
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
    public @NonNull Publisher<AuthenticationResponse> authenticate(
            @Nullable HttpRequest<B> request, @NonNull AuthenticationRequest<String, String> login) {
        String name = login.getIdentity() == null ? "" : login.getIdentity();
        String address = request == null ? "unknown" : clientAddresses.resolve(request);
        if (name.length() > MAX_USERNAME_LENGTH) {
            refusals.refused(address, "a user name of " + name.length() + " characters");
            return Mono.just(AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND));
        }
        CheckBudget.Kind kind = kindOf(request);
        if (!budget.take(kind, address)) {
            // before the queue: one address cannot keep everyone else's logins waiting
            refusals.refused(
                    address, kind == CheckBudget.Kind.BASIC ? "too many HTTP Basic logins" : "too many logins");
            return Mono.just(AuthenticationResponse.failure(AuthenticationFailureReason.UNKNOWN));
        }
        var attempt = new LoginThrottle.Attempt(name, address);
        var locked = throttle.begin(attempt);
        if (locked.isPresent()) {
            // refused without checking the password, so a locked-out guesser learns nothing
            budget.giveBack(kind, address);
            refusals.refused(address, "a user name locked after repeated failures");
            return Mono.just(AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED));
        }
        String password = login.getSecret() == null ? "" : login.getSecret();
        return Mono.fromFuture(() -> checks.submit(kind, () -> check(kind, attempt, password)))
                .onErrorResume(RejectedExecutionException.class, busy -> {
                    budget.giveBack(kind, address);
                    refusals.refused(address, "too many logins are being checked");
                    return Mono.just(AuthenticationResponse.failure(AuthenticationFailureReason.UNKNOWN));
                });
    }

    /** The login form posts to {@code /login}; every other login is HTTP Basic (BasicAuthOnWhereScriptsNeedIt). */
    private static CheckBudget.Kind kindOf(@Nullable HttpRequest<?> request) {
        return request != null && request.getMethod() == HttpMethod.POST && LOGIN_PATH.equals(request.getPath())
                ? CheckBudget.Kind.FORM
                : CheckBudget.Kind.BASIC;
    }

    private AuthenticationResponse check(CheckBudget.Kind kind, LoginThrottle.Attempt attempt, String password) {
        var user = staff.find(attempt.username());
        boolean matches = PasswordHashing.matches(
                password, user.map(StaffUsers.StaffUser::passwordHash).orElse(DECOY_HASH));
        if (user.isPresent() && matches) {
            throttle.succeeded(attempt);
            budget.giveBack(kind, attempt.address());
            LOG.info("staff login: {} {}", attempt.username(), user.get().roles());
            return AuthenticationResponse.success(attempt.username(), user.get().roles());
        }
        LOG.info("staff login refused for '{}' from {}", attempt.username(), attempt.address());
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
}
