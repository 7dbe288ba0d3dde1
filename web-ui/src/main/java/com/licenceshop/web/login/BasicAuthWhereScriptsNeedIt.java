package com.licenceshop.web.login;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.Authenticator;
import io.micronaut.security.authentication.BasicAuthAuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * HTTP Basic only on the paths scripts read ({@code shop.login.basic-auth-paths}, by default
 * {@code /api/sales/summary}). Everywhere else an {@code Authorization: Basic} header is ignored, unchecked:
 * browsers log in with the form, and a password check on any URL let anyone flood the checker.
 */
@Singleton
@Replaces(BasicAuthAuthenticationFetcher.class)
@Requires(property = "micronaut.security.basic-auth.enabled", notEquals = StringUtils.FALSE)
final class BasicAuthWhereScriptsNeedIt<B> extends BasicAuthAuthenticationFetcher<B> {

    private final Set<String> paths;

    BasicAuthWhereScriptsNeedIt(
            Authenticator<HttpRequest<B>> authenticator,
            @Value("${shop.login.basic-auth-paths:/api/sales/summary}") List<String> paths) {
        super(authenticator);
        this.paths = Set.copyOf(paths);
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<B> request) {
        if (!paths.contains(request.getPath())) {
            return Mono.empty();
        }
        return super.fetchAuthentication(request);
    }
}
