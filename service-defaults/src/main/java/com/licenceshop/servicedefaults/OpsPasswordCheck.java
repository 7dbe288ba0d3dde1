package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * OPS_PASSWORD gets the check of every other secret ({@link Secrets}): unset, the ops endpoints refuse everyone (and
 * callers send nothing); set, a placeholder (the .env.example's "change-me"), a short or guessable one stops the start.
 * Created eagerly ({@link Context}) for that, in every service that has the ops login or presents it.
 */
@Context
final class OpsPasswordCheck {

    OpsPasswordCheck(OpsCredentials credentials) {
        String password = credentials.password();
        if (password != null && !password.isBlank()) {
            Secrets.problem("OPS_PASSWORD", "is the ops login", password).ifPresent(problem -> {
                throw new ConfigurationException("cannot start: " + problem + ". " + Secrets.HOW_TO_GENERATE
                        + " and give every service the same value.");
            });
        }
    }
}
