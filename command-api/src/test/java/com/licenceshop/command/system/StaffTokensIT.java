package com.licenceshop.command.system;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catalog writes need web-ui's staff token with role SALES; reads, orders and the ops login stay as they were. */
@MicronautTest(transactional = false)
class StaffTokensIT extends CommandApiIT {

    static final String SECRET = "Vq3m9Zr7Lk2XwT8pQe5Yh1NbC4uJd6SfGa0RxM+/oKiE";
    static final String OTHER_SECRET = "3f9a1c07be54d2e86a0b7c1d9e2f4a6b8c0d1e3f5a7b9c2d";
    static final Map<String, Object> PRODUCT = Map.of("sku", "ACME_PRO", "name", "Acme Pro",
            "unitPriceCents", 129_900, "currency", "EUR");

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("shop.staff.jwt-secret", SECRET);
    }

    @Test
    void anonymousCatalogWritesAreRefusedWith401AndABearerChallenge() {
        Http http = new Http(server.getURI());
        for (var response : List.of(http.postJson("/api/products", PRODUCT),
                http.send(http.request("/api/products/STARTER").header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(Http.write(PRODUCT)))),
                http.send(http.request("/api/products/STARTER").DELETE()))) {
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat((String) response.json().get("detail")).contains("staff");
        }
    }

    @Test
    void aStaffTokenWithoutTheSalesRoleIsRefusedWith403() throws JOSEException {
        Http http = new Http(server.getURI());
        String opsOnly = bearer(token(SECRET, Instant.now().plusSeconds(600), "OPS"));

        assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", opsOnly), 403, "forbidden");
        assertProblem(http.send(http.request("/api/products/STARTER").header("Authorization", opsOnly).DELETE()), 403, "forbidden");
        // nor does the ops login stand in for a staff member
        assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", Http.basic(OPS_USERNAME, OPS_PASSWORD)),
                403, "forbidden");
    }

    @Test
    void aTokenSignedWithAnotherSecretUnsignedOrExpiredCountsAsNoLogin() throws JOSEException {
        Http http = new Http(server.getURI());
        var unsigned = new PlainJWT(claims(Instant.now().plusSeconds(600), "SALES")).serialize();

        for (String token : List.of(token(OTHER_SECRET, Instant.now().plusSeconds(600), "SALES"), unsigned,
                token(SECRET, Instant.now().minusSeconds(60), "SALES"), "not-a-token")) {
            assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", bearer(token)), 401, "unauthorized");
        }
    }

    @Test
    void aTokenWithoutExpiryOrFromAnotherIssuerCountsAsNoLogin() throws JOSEException {
        Http http = new Http(server.getURI());
        JWTClaimsSet valid = claims(Instant.now().plusSeconds(600), "SALES");
        JWTClaimsSet noExpiry = new JWTClaimsSet.Builder(valid).expirationTime(null).build();
        JWTClaimsSet elsewhere = new JWTClaimsSet.Builder(valid).issuer("command-api").build();

        for (JWTClaimsSet claims : List.of(noExpiry, elsewhere)) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET));
            assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", bearer(jwt.serialize())), 401, "unauthorized");
        }
    }

    @Test
    void aSalesTokenGetsPastTheSecurityRules() throws JOSEException {
        Http http = new Http(server.getURI());
        String sales = bearer(token(SECRET, Instant.now().plusSeconds(600), "SALES"));

        // whatever the catalog answers (201, 409, 422 — or 405 before catalog writes exist), it is not a refusal
        assertThat(http.postJson("/api/products", PRODUCT, "Authorization", sales).status()).isNotIn(401, 403);
        // and the staff token is no ops login
        assertProblem(http.send(http.request("/api/ops/outbox").header("Authorization", sales).GET()), 403, "forbidden");
    }

    @Test
    void catalogReadsOrdersAndTheOpsLoginNeedNoStaffToken() {
        Http http = new Http(server.getURI());

        assertThat(http.get("/api/products").status()).isEqualTo(200);
        assertThat(http.postJson("/api/orders", Http.order("shopper@example.com", "STARTER", 1)).status()).isEqualTo(202);
        assertThat(http.getAsOps("/api/ops/outbox").status()).isEqualTo(200);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void withoutJwtSecretTheApiStartsAndRefusesEveryCatalogWrite() throws JOSEException {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("shop.staff.jwt-secret", "");
        try (EmbeddedServer unkeyed = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Http http = new Http(unkeyed.getURI());
            for (String secret : List.of(SECRET, OTHER_SECRET)) {
                String sales = bearer(token(secret, Instant.now().plusSeconds(600), "SALES"));
                assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", sales), 401, "unauthorized");
            }
            assertThat(http.get("/api/products").status()).isEqualTo(200);
        }
    }

    @Test
    void aPlaceholderOrShortJwtSecretStopsTheStart() {
        for (String weak : List.of("change-me-to-at-least-32-random-characters", "short")) {
            Map<String, Object> properties = new HashMap<>(getProperties());
            properties.put("shop.staff.jwt-secret", weak);
            assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties).close())
                    .hasStackTraceContaining("command-api cannot start: JWT_SECRET is")
                    .hasStackTraceContaining("openssl rand -base64 48");
        }
    }

    static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:" + type).containsEntry("status", status);
    }

    /** A token as web-ui's login writes it: subject, roles claim, HS256. */
    static String token(String secret, Instant expires, String... roles) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(expires, roles));
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(Instant expires, String... roles) {
        return new JWTClaimsSet.Builder().subject("sam").issuer("web-ui").claim("roles", List.of(roles))
                .issueTime(Date.from(Instant.now().minusSeconds(120))).notBeforeTime(Date.from(Instant.now().minusSeconds(120)))
                .expirationTime(Date.from(expires)).build();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
