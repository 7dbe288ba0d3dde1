package com.licenceshop.web.security;

import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The {@code aud} of web-ui's own login cookie: web-ui, and nothing else, so the cookie is no token for command-api
 * (which wants aud command-api: {@link StaffTokenFilter} mints that one per call). Checked on every request by
 * micronaut's audience validator (application.yml, claims-validators.audience).
 */
@Singleton
final class StaffTokenAudience implements ClaimsAudienceProvider {

    static final String WEB_UI = "web-ui";

    @Override
    public List<String> audience() {
        return List.of(WEB_UI);
    }
}
