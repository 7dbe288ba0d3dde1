package com.licenceshop.web.security;

import com.licenceshop.servicedefaults.Secrets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start without the staff token keys and the CSRF secret, or with a weak one ({@link Secrets}): a
 * per-process random key would log staff out on every restart and across instances. Eager ({@link Context}), so a bad
 * secret stops the start, not the first login.
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
