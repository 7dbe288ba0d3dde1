package com.licenceshop.web.security;

import com.licenceshop.servicedefaults.OpsCredentials;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;

/**
 * Adds the ops credential to calls of the other services' ops endpoints, and only to those: a shopper's order
 * goes to the command API without it.
 */
@ClientFilter(
        serviceId = {"command-api", "sales-projector", "notification-service"},
        patterns = {"/**/api/sales-periods/**", "/**/api/ops/**", "/**/ops/**"})
final class OpsCredentialFilter {

    private final OpsCredentials credential;

    OpsCredentialFilter(OpsCredentials credential) {
        this.credential = credential;
    }

    @RequestFilter
    void authenticate(MutableHttpRequest<?> request) {
        if (credential.configured()) {
            request.basicAuth(credential.username(), credential.password());
        }
    }
}
