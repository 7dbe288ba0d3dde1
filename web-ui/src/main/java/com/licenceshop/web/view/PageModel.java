package com.licenceshop.web.view;

import com.licenceshop.web.security.CsrfTokenIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.csrf.repository.CsrfTokenRepository;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What every page's layout needs besides the page's own model: the CSRF token for its forms (also the one
 * just issued by {@link CsrfTokenIssuer}) and who is logged in with which roles (for the navigation).
 * Page models are maps for this reason.
 */
@Singleton
class PageModel implements ViewModelProcessor<Map<String, Object>> {

    private final CsrfTokenRepository<HttpRequest<?>> csrfTokens;

    PageModel(CsrfTokenRepository<HttpRequest<?>> csrfTokens) {
        this.csrfTokens = csrfTokens;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
        Map<String, Object> model = new HashMap<>(modelAndView.getModel().orElse(Map.of()));
        CsrfTokenIssuer.tokenFor(request, csrfTokens).ifPresent(token -> model.put("csrfToken", token));
        request.getUserPrincipal(Authentication.class).ifPresent(user -> model.put("staff", Staff.of(user)));
        modelAndView.setModel(model);
    }

    /** The logged-in staff member, as the navigation shows them. */
    record Staff(String name, boolean sales, boolean ops) {
        static Staff of(Authentication user) {
            Collection<String> roles = user.getRoles();
            return new Staff(user.getName(), roles.contains("SALES"), roles.contains("OPS"));
        }
    }
}
