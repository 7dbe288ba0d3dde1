package com.licenceshop.web.system;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start without the JWT and CSRF secrets. A per-process random secret would silently log staff out
 * on every restart and break logins behind a load balancer (each instance would sign with its own key), so
 * the web UI asks for them instead. Created eagerly ({@link Context}) so that a missing secret stops the start,
 * not the first login.
 */
@Context
class StartupSecrets {

    static final int MINIMUM_LENGTH = 32;   // HS256 needs a key of at least 256 bits

    StartupSecrets(@Value("${micronaut.security.token.jwt.signatures.secret.generator.secret:}") String jwtSecret,
                   @Value("${micronaut.security.csrf.signature-key:}") String csrfSecret) {
        List<String> problems = new ArrayList<>();
        check("JWT_SECRET", "signs the staff login cookie", jwtSecret, problems);
        check("CSRF_SECRET", "signs the CSRF tokens of every form", csrfSecret, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("web-ui cannot start: " + String.join("; ", problems)
                    + ". Generate one with e.g. `openssl rand -hex 32` (./shop up does this for you).");
        }
    }

    private static void check(String variable, String purpose, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(variable + " is not set (it " + purpose + ")");
        } else if (value.length() < MINIMUM_LENGTH) {
            problems.add(variable + " is shorter than " + MINIMUM_LENGTH + " characters");
        }
    }
}
