package com.licenceshop.web.security;

import com.licenceshop.servicedefaults.Secrets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start without the staff token keys and the CSRF secret, or with one that is a published placeholder,
 * garbage or plainly guessable ({@link Secrets}). A per-process random key would silently log staff out on every
 * restart and break logins behind a load balancer (each instance would sign with its own key), so the web UI asks
 * for them instead. Created eagerly ({@link Context}) so that a bad secret stops the start, not the first login;
 * every problem is named at once.
 */
@Context
class StartupSecrets {

    StartupSecrets(
            @Value("${shop.staff.token-signing-key:}") String signingKey,
            @Value("${shop.staff.token-public-key:}") String publicKey,
            @Value("${micronaut.security.csrf.signature-key:}") String csrfSecret) {
        List<String> problems = new ArrayList<>(StaffTokenKeys.problems(signingKey, publicKey));
        Secrets.problem("CSRF_SECRET", "signs the CSRF tokens of every form", csrfSecret)
                .ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("web-ui cannot start: " + String.join("; ", problems) + ". "
                    + Secrets.HOW_TO_GENERATE + " (CSRF_SECRET); " + Secrets.HOW_TO_GENERATE_ES256 + ".");
        }
    }
}
