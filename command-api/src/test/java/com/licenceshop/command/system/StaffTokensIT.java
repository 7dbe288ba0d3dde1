package com.licenceshop.command.system;

import static com.licenceshop.command.support.StaffLogin.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.command.support.StaffLogin;
import com.licenceshop.testsupport.StaffTokenKeys;
import com.licenceshop.testsupport.TestHttp;
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
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Catalog writes need a staff token web-ui minted for command-api (ES256, iss web-ui, aud command-api, exp) with role
 * SALES; reads, orders and the ops login stay as they were.
 */
@MicronautTest(transactional = false)
class StaffTokensIT extends CommandApiIT {

    /** The shared HS256 secret command-api used to get (JWT_SECRET): with it, command-api could mint staff tokens. */
    static final String OLD_SECRET = "Vq3m9Zr7Lk2XwT8pQe5Yh1NbC4uJd6SfGa0RxM+/oKiE";

    static final StaffTokenKeys KEYS = StaffLogin.KEYS;
    static final Map<String, Object> PRODUCT =
            Map.of("sku", "ACME_PRO", "name", "Acme Pro", "unitPriceCents", 129_900, "currency", "EUR");

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> moreProperties() {
        // as a deployment from before ES256 still has it: it must not count for anything any more
        return Map.of("shop.staff.jwt-secret", OLD_SECRET);
    }

    @Test
    void anonymousCatalogWritesAreRefusedWith401AndABearerChallenge() {
        Http http = new Http(server.getURI());
        for (var response : List.of(
                http.postJson("/api/products", PRODUCT),
                http.send(http.request("/api/products/STARTER")
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(TestHttp.write(PRODUCT)))),
                http.send(http.request("/api/products/STARTER").DELETE()))) {
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat((String) response.json().get("detail")).contains("staff");
        }
    }

    @Test
    void aStaffTokenWithoutTheSalesRoleIsRefusedWith403() {
        Http http = new Http(server.getURI());
        String opsOnly = bearer(StaffLogin.sign(KEYS, claims(Instant.now().plusSeconds(600), "OPS")));

        assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", opsOnly), 403, "forbidden");
        assertProblem(
                http.send(http.request("/api/products/STARTER")
                        .header("Authorization", opsOnly)
                        .DELETE()),
                403,
                "forbidden");
        // nor does the ops login stand in for a staff member
        assertProblem(
                http.postJson("/api/products", PRODUCT, "Authorization", TestHttp.basic(OPS_USERNAME, OPS_PASSWORD)),
                403,
                "forbidden");
    }

    @Test
    void anHs256TokenFromTheOldSharedSecretIsNoLogin() throws JOSEException {
        Http http = new Http(server.getURI());
        SignedJWT minted = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256), claims(Instant.now().plusSeconds(600), "SALES"));
        minted.sign(new MACSigner(OLD_SECRET));

        assertProblem(
                http.postJson("/api/products", PRODUCT, "Authorization", bearer(minted.serialize())),
                401,
                "unauthorized");
    }

    @Test
    void aForeignUnsignedOrExpiredTokenIsNoLogin() {
        Http http = new Http(server.getURI());
        var unsigned = new PlainJWT(claims(Instant.now().plusSeconds(600), "SALES")).serialize();

        for (String token : List.of(
                StaffLogin.sign(StaffTokenKeys.generate(), claims(Instant.now().plusSeconds(600), "SALES")),
                unsigned,
                StaffLogin.sign(KEYS, claims(Instant.now().minusSeconds(60), "SALES")),
                "not-a-token")) {
            assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", bearer(token)), 401, "unauthorized");
        }
    }

    @Test
    void aTokenWithoutExpiryOrForeignIssuerOrAudienceIsNoLogin() {
        Http http = new Http(server.getURI());
        JWTClaimsSet valid = claims(Instant.now().plusSeconds(600), "SALES");
        List<JWTClaimsSet> refused = List.of(
                new JWTClaimsSet.Builder(valid).expirationTime(null).build(),
                new JWTClaimsSet.Builder(valid).issuer("command-api").build(),
                new JWTClaimsSet.Builder(valid).issuer(null).build(),
                // web-ui's own login cookie: a token for web-ui is no token for command-api
                new JWTClaimsSet.Builder(valid).audience("web-ui").build(),
                new JWTClaimsSet.Builder(valid).audience((String) null).build());

        for (JWTClaimsSet claims : refused) {
            assertProblem(
                    http.postJson("/api/products", PRODUCT, "Authorization", bearer(StaffLogin.sign(KEYS, claims))),
                    401,
                    "unauthorized");
        }
    }

    @Test
    void aSalesTokenGetsPastTheSecurityRules() {
        Http http = new Http(server.getURI());
        String sales = bearer(StaffLogin.sign(KEYS, claims(Instant.now().plusSeconds(600), "SALES")));

        // whatever the catalog answers (201, 409, 422 — or 405 before catalog writes exist), it is not a refusal
        assertThat(http.postJson("/api/products", PRODUCT, "Authorization", sales)
                        .status())
                .isNotIn(401, 403);
        // and the staff token is no ops login
        assertProblem(
                http.send(http.request("/api/ops/outbox")
                        .header("Authorization", sales)
                        .GET()),
                403,
                "forbidden");
    }

    @Test
    void catalogReadsOrdersAndTheOpsLoginNeedNoStaffToken() {
        Http http = new Http(server.getURI());

        assertThat(http.get("/api/products").status()).isEqualTo(200);
        assertThat(http.postJson("/api/orders", Http.order("shopper@example.com", "STARTER", 1))
                        .status())
                .isEqualTo(202);
        assertThat(http.getAsOps("/api/ops/outbox").status()).isEqualTo(200);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }

    @Test
    void withoutThePublicKeyTheApiStartsAndRefusesEveryCatalogWrite() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("shop.staff.token-public-key", "");
        try (EmbeddedServer unkeyed = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Http http = new Http(unkeyed.getURI());
            String sales = bearer(StaffLogin.sign(KEYS, claims(Instant.now().plusSeconds(600), "SALES")));
            assertProblem(http.postJson("/api/products", PRODUCT, "Authorization", sales), 401, "unauthorized");
            assertThat(http.get("/api/products").status()).isEqualTo(200);
        }
    }

    @Test
    void aPlaceholderGarbageOrPrivateKeyAsPublicKeyStopsTheStart() {
        for (String bad :
                List.of("change-me-to-the-public-half-of-the-staff-token-key", "bm90IGEga2V5", KEYS.signingKey())) {
            Map<String, Object> properties = new HashMap<>(getProperties());
            properties.put("shop.staff.token-public-key", bad);
            assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties)
                            .close())
                    .hasStackTraceContaining("command-api cannot start: STAFF_TOKEN_PUBLIC_KEY is")
                    .hasStackTraceContaining("openssl genpkey -algorithm EC");
        }
    }

    static void assertProblem(TestHttp.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json())
                .containsEntry("type", "urn:licence-shop:problem:" + type)
                .containsEntry("status", status);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
