package com.licenceshop.web.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Ends what a staff login holds open (the dashboard's live stream) when the login does: at the JWT's expiry,
 * or when that login logs out here. The login cookie is stateless, so a stream cannot notice either by itself.
 * Logouts are known to the instance that served them; on other instances the stream still ends at expiry.
 */
@Singleton
@ServerFilter("/logout")
public final class StaffSessions {

    private final StaffSessionIds sessionIds;
    private final Clock clock;
    private final Sinks.Many<String> loggedOut = Sinks.many().multicast().directBestEffort();

    StaffSessions(StaffSessionIds sessionIds, Clock clock) {
        this.sessionIds = sessionIds;
        this.clock = clock;
    }

    /** The stream, ended when this request's login expires or logs out. */
    public <T> Flux<T> whileLoggedIn(HttpRequest<?> request, Authentication staff, Flux<T> stream) {
        Flux<T> bounded = expiry(staff)
                .map(expiry -> stream.take(maxZero(Duration.between(clock.instant(), expiry))))
                .orElse(stream);
        return sessionIds
                .findSessionId(request)
                .map(session -> bounded.takeUntilOther(
                        loggedOut.asFlux().filter(session::equals).next()))
                .orElse(bounded);
    }

    /** A logout that went through (not refused by the CSRF check) ends that login's streams. */
    @ResponseFilter
    void onLogout(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() == HttpMethod.POST && response.code() < 400) {
            sessionIds.findSessionId(request).ifPresent(loggedOut::tryEmitNext);
        }
    }

    private static Optional<Instant> expiry(Authentication staff) {
        Object exp = staff.getAttributes().get("exp");
        if (exp instanceof Number seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        if (exp instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (exp instanceof Instant instant) {
            return Optional.of(instant);
        }
        return Optional.empty();
    }

    private static Duration maxZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
