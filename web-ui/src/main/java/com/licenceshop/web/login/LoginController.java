package com.licenceshop.web.login;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.Map;

/**
 * The login page (the form posts to micronaut-security's {@code POST /login}) and {@code /staff}, where a
 * login without a remembered page lands: the dashboard for sales staff, the ops console for ops.
 */
@Controller
class LoginController {

    @Get(value = "/login/auth", produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    ModelAndView<Map<String, Object>> loginPage(@QueryValue @Nullable Boolean error) {
        return new ModelAndView<>("login/login", Map.of("error", Boolean.TRUE.equals(error)));
    }

    @Get("/staff")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> staffHome(Authentication staff) {
        String home = staff.getRoles().contains(Roles.SALES) ? "/sales" : "/ops";
        return HttpResponse.seeOther(URI.create(home));
    }
}
