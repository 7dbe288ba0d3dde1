package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The one ops login ({@code OPS_USERNAME} / {@code OPS_PASSWORD}, HTTP Basic): what a service checks on its ops
 * endpoints ({@link OpsAuthentication}), and what a caller (web-ui, the projector's feed client) presents. There is
 * deliberately no default password: without one nothing is accepted and nothing is sent.
 */
@ConfigurationProperties("shop.ops")
public record OpsCredentials(
        @Nullable String username, @Nullable String password) {

    public boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }

    /** True if this is exactly the ops login (compared in constant time). */
    public boolean accept(@Nullable String givenUsername, @Nullable String givenPassword) {
        if (!configured() || givenUsername == null || givenPassword == null) {
            return false;
        }
        byte[] given = (givenUsername + ":" + givenPassword).getBytes(StandardCharsets.UTF_8);
        // constant time: how much of a guess matched must not show in how long the answer takes
        return MessageDigest.isEqual(given, (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The request with the ops login as HTTP Basic (the header is named here only, see ArchitectureRules). */
    public HttpRequest.Builder presentTo(HttpRequest.Builder request) {
        return request.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
