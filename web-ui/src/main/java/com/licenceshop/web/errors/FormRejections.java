package com.licenceshop.web.errors;

import com.licenceshop.web.view.Fragments;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.authentication.WwwAuthenticateChallengeProvider;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Staff pages keep the stock behaviour (browsers are sent to the login page, JSON clients get 401, the wrong
 * role gets 403). A shopper's form (or the login form) that fails the CSRF check (cookie blocked or lost) gets a
 * page that says so: sending a shopper to the staff login would only confuse.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
class FormRejections extends DefaultAuthorizationExceptionHandler {

    private final Fragments fragments;

    FormRejections(
            ErrorResponseProcessor<?> errorResponseProcessor,
            RedirectConfiguration redirectConfiguration,
            RedirectService redirectService,
            List<WwwAuthenticateChallengeProvider<HttpRequest<?>>> challengeProviders,
            PriorToLoginPersistence priorToLoginPersistence,
            Fragments fragments) {
        super(
                errorResponseProcessor,
                redirectConfiguration,
                redirectService,
                challengeProviders,
                priorToLoginPersistence);
        this.fragments = fragments;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (isShopperForm(request)) {
            // rendered here: the views filter only renders responses of routes, and this request never reached one
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .contentType(MediaType.TEXT_HTML_TYPE)
                    .body(fragments.render("errors/form-expired", Map.of()));
        }
        return super.handle(request, exception);
    }

    /** Forms of visitors who are not logged in: the shop's, and the login form itself. */
    private static boolean isShopperForm(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST
                && (request.getPath().startsWith("/orders") || request.getPath().equals("/login"));
    }
}
