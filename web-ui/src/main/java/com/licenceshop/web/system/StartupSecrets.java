package com.licenceshop.web.system;

import com.licenceshop.servicedefaults.Secrets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start without the JWT and CSRF secrets, or with one that is a published placeholder or plainly
 * guessable ({@link Secrets}). A per-process random secret would silently log staff out on every restart and break
 * logins behind a load balancer (each instance would sign with its own key), so the web UI asks for them instead.
 * Created eagerly ({@link Context}) so that a bad secret stops the start, not the first login.
 */
@Context
class StartupSecrets {

    StartupSecrets(@Value("${micronaut.security.token.jwt.signatures.secret.generator.secret:}") String jwtSecret,
                   @Value("${micronaut.security.csrf.signature-key:}") String csrfSecret) {
        List<String> problems = new ArrayList<>();
        Secrets.problem("JWT_SECRET", "signs the staff login cookie", jwtSecret).ifPresent(problems::add);
        Secrets.problem("CSRF_SECRET", "signs the CSRF tokens of every form", csrfSecret).ifPresent(problems::add);
        if (jwtSecret != null && !jwtSecret.isBlank() && jwtSecret.equals(csrfSecret)) {
            problems.add("JWT_SECRET and CSRF_SECRET are the same (a leak of one must not give away the other)");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("web-ui cannot start: " + String.join("; ", problems) + ". "
                    + Secrets.HOW_TO_GENERATE + ".");
        }
    }
}
