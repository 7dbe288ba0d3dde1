package com.licenceshop.web.support;

import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The ops credential check the other services make (HTTP Basic with OPS_USERNAME / OPS_PASSWORD). */
final class StubOps {

    private StubOps() {}

    static boolean authorized(HttpRequest<?> request) {
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((TestShop.OPS_CREDENTIAL_USER + ":" + TestShop.OPS_CREDENTIAL_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8));
        return request.getHeaders()
                .get("Authorization", String.class)
                .map(expected::equals)
                .orElse(false);
    }
}
