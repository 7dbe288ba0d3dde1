package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestHttp;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Sales staff run the price list through the real processes: a staff member logs in to the web UI, and with the
 * token it issues (the one web-ui forwards as Bearer) adds a licence to command-api; a shopper buys it; the
 * projector shows it under its name, and under its new name after a change.
 */
class StaffManageTheCatalogIT extends AgainstTheWholeShop {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"");
    private static final Pattern JWT_COOKIE = Pattern.compile("^JWT=([^;]+)");

    @Test
    void aLicenceStaffAddIsBoughtAndProjectedUnderItsCurrentName() throws Exception {
        String cookie = staffToken(ShopStack.SALES_STAFF);
        String api = shop.commandApi().baseUrl() + "/api/products";
        // the login cookie is web-ui's alone (aud web-ui): command-api takes only a token minted for it
        var withTheCookie = TestHttp.send(HttpRequest.newBuilder(URI.create(api))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + cookie)
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.write(
                        Map.of("sku", "E2E_COOKIE", "name", "Cookie", "unitPriceCents", 1, "currency", "EUR")))));
        assertThat(withTheCookie.status()).isEqualTo(401);
        String token = tokenForCommandApi(ShopStack.SALES_STAFF);

        var added = TestHttp.send(HttpRequest.newBuilder(URI.create(api))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.write(Map.of(
                        "sku",
                        "E2E_TEAM",
                        "name",
                        "Team",
                        "description",
                        "Up to 10 users",
                        "unitPriceCents",
                        90_000,
                        "currency",
                        "EUR")))));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String etag = added.raw().headers().firstValue("ETag").orElseThrow();
        var anonymous =
                TestHttp.post(api, Map.of("sku", "E2E_OTHER", "name", "Other", "unitPriceCents", 1, "currency", "EUR"));
        assertThat(anonymous.status()).isEqualTo(401);

        var order = TestHttp.post(
                shop.commandApi().baseUrl() + "/api/orders",
                Map.of("customerEmail", "ada@example.com", "items", List.of(Map.of("sku", "E2E_TEAM", "quantity", 2))));
        assertThat(order.status()).as(order.body()).isEqualTo(202);
        await("the licence projected under its name")
                .atMost(Duration.ofSeconds(30))
                .until(() -> productSummary("E2E_TEAM"), row -> row.equals("Team licences=2 revenue=180000"));

        var changed = TestHttp.send(HttpRequest.newBuilder(URI.create(api + "/E2E_TEAM"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("If-Match", etag)
                .PUT(HttpRequest.BodyPublishers.ofString(
                        TestHttp.write(Map.of("name", "Team Plus", "unitPriceCents", 95_000, "currency", "EUR")))));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        await("the licence projected under its new name, its figures unchanged")
                .atMost(Duration.ofSeconds(30))
                .until(() -> productSummary("E2E_TEAM"), row -> row.equals("Team Plus licences=2 revenue=180000"));
    }

    /** A token as web-ui mints it for command-api on a staff member's behalf (ES256, iss web-ui, aud command-api). */
    private String tokenForCommandApi(String username) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.ES256),
                new JWTClaimsSet.Builder()
                        .subject(username)
                        .issuer("web-ui")
                        .audience("command-api")
                        .claim("roles", List.of("SALES"))
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(60)))
                        .build());
        jwt.sign(new ECDSASigner(shop.staffTokenKeys.privateKey()));
        return jwt.serialize();
    }

    /** Logs in to the web UI's staff login form (with its CSRF token) and returns the JWT cookie it sets. */
    private String staffToken(String username) {
        String webUi = shop.webUi().baseUrl();
        var page = TestHttp.get(webUi + "/login/auth");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Matcher field = CSRF_FIELD.matcher(page.body());
        assertThat(field.find()).as("the login page has a CSRF field").isTrue();
        String csrfCookie = page.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("csrfToken="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        String form = "username=" + encode(username) + "&password=" + encode(shop.staffPassword) + "&csrfToken="
                + encode(field.group(1));
        var login = TestHttp.send(HttpRequest.newBuilder(URI.create(webUi + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", csrfCookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        return login.raw().headers().allValues("Set-Cookie").stream()
                .map(JWT_COOKIE::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JWT cookie after logging in: " + login.status() + " "
                        + login.raw().headers()));
    }

    private String productSummary(String sku) throws SQLException {
        try (Connection db = shop.database.connect();
                var select = db.prepareStatement(
                        "SELECT name, licences, revenue_cents FROM sales.current_product_summary WHERE sku = ?")) {
            select.setString(1, sku);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? row.getString(1) + " licences=" + row.getLong(2) + " revenue=" + row.getLong(3)
                        : "";
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
