package com.licenceshop.provider.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Stripe authenticates API calls with the secret key, as {@code Authorization: Bearer sk_…} or as the HTTP Basic
 * user name; anything else is a 401 {@code invalid_request_error}. The test controls take the same key.
 */
@ServerFilter(patterns = {"/v1/**", "/test-controls/**"})
class ApiKeyFilter {

    private final ProviderConfig config;
    private final Json json;

    ApiKeyFilter(ProviderConfig config, Json json) {
        this.config = config;
        this.json = json;
    }

    @RequestFilter
    @Nullable
    HttpResponse<String> requireSecretKey(HttpRequest<?> request) {
        String key = keyOf(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            return refuse(
                    "You did not provide an API key. You need to provide your API key in the Authorization header, "
                            + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        if (!MessageDigest.isEqual(
                key.getBytes(StandardCharsets.UTF_8), config.secretKey().getBytes(StandardCharsets.UTF_8))) {
            return refuse("Invalid API Key provided: " + redacted(key));
        }
        return null;
    }

    private HttpResponse<String> refuse(String message) {
        return json.response(401, new ApiError(401, "invalid_request_error", null, message, null).body());
    }

    static String keyOf(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String userPass = new String(
                        Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = userPass.indexOf(':');
                return colon < 0 ? userPass : userPass.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static String redacted(String key) {
        return key.length() <= 8
                ? "*".repeat(key.length())
                : key.substring(0, 7) + "*".repeat(8) + key.substring(key.length() - 4);
    }
}
