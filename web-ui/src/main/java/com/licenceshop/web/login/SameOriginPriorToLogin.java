package com.licenceshop.web.login;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.config.RedirectConfigurationProperties;
import io.micronaut.security.config.TokenCookieConfiguration;
import io.micronaut.security.errors.CookiePriorToLoginPersistence;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;

/**
 * micronaut-security's "back to the page you wanted" after a login, but only to a path of this site: the
 * {@code ORIGINAL_URI} cookie can be planted (a sibling subdomain, a plain-http man in the middle), and a freshly
 * logged-in staff member must not be sent to a look-alike page. Anything else lands on the default page.
 */
@Singleton
@Replaces(CookiePriorToLoginPersistence.class)
@Requires(property = RedirectConfigurationProperties.PREFIX + ".prior-to-login", value = StringUtils.TRUE)
final class SameOriginPriorToLogin extends CookiePriorToLoginPersistence {

    /** The parent's cookie (private there). */
    private static final String COOKIE_NAME = "ORIGINAL_URI";

    SameOriginPriorToLogin(@Nullable TokenCookieConfiguration cookieConfiguration) {
        super(cookieConfiguration);
    }

    @Override
    public Optional<URI> getOriginalUri(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<String> raw = request.getCookies().findCookie(COOKIE_NAME).map(Cookie::getValue);
        if (raw.isPresent()) {
            Cookie cleared = Cookie.of(COOKIE_NAME, "");
            configure(cleared, request);
            cleared.maxAge(0);
            response.cookie(cleared);
        }
        return raw.flatMap(SameOriginPath::of).map(URI::create);
    }
}
