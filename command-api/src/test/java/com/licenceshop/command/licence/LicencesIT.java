package com.licenceshop.command.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.command.support.ConsumingCommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.command.support.InvoicePayments;
import com.licenceshop.command.support.StaffLogin;
import com.licenceshop.events.EventType;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicenceRevoked;
import com.licenceshop.events.LicencesIssued;
import com.licenceshop.testsupport.OfflineLicenceCheck;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Licence keys of paid orders (ADR 13: issued with the payment, here an invoice paid in full): signed, verified, revoked. */
@MicronautTest(transactional = false)
class LicencesIT extends ConsumingCommandApiIT {

    private String place(Map<String, Object> order) {
        return InvoicePayments.placePaid(http, order);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> licencesOf(String orderId) {
        return (List<Map<String, Object>>)
                http.get("/api/orders/" + orderId).json().get("licences");
    }

    private Map<String, Object> verify(String key) {
        var response = http.postJson("/api/licences/verify", Map.of("key", key));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aPaidOrdersEventAndPageShowASignedKeyPerLine() throws Exception {
        String orderId = place(Map.of(
                "customerEmail",
                "keys@example.com",
                "items",
                List.of(Map.of("sku", "PROFESSIONAL", "quantity", 3), Map.of("sku", "STARTER", "quantity", 1))));

        LicencesIssued placed = (LicencesIssued) awaitEvent(orderId, EventType.LICENCES_ISSUED);
        assertThat(placed.licences())
                .extracting(LicenceKey::line, LicenceKey::sku, LicenceKey::seats)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "PROFESSIONAL", 3),
                        org.assertj.core.groups.Tuple.tuple(2, "STARTER", 1));
        assertThat(licencesOf(orderId))
                .extracting(l -> l.get("key"))
                .containsExactlyElementsOf(
                        placed.licences().stream().map(LicenceKey::key).toList());
        // the order itself went out without keys (OrderPlaced v3); the keys once, with the payment
        assertThat(count("SELECT count(*) FROM commands.events WHERE type = 'OrderPlaced' AND schema_version = 3"
                        + " AND aggregate_id = '" + orderId + "' AND payload->'licences' IS NULL"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.events WHERE type = 'LicencesIssued'" + " AND aggregate_id = '"
                        + orderId + "'"))
                .isEqualTo(1);

        Map<String, Object> published = http.get("/api/licences/public-key").json();
        String keyId = (String) published.get("keyId");
        assertThat(published).containsEntry("algorithm", "Ed25519");
        String claims = OfflineLicenceCheck.verifiedClaims(
                placed.licences().get(0).key(), keyId, (String) published.get("publicKey"));
        assertThat(claims)
                .matches("\\{\"v\":2,\"sku\":\"PROFESSIONAL\",\"licenceId\":\"[A-Za-z0-9_-]{22}\",\"seats\":3,"
                        + "\"issuedAt\":\""
                        + java.util.regex.Pattern.quote(placed.occurredAt().toString()) + "\"}");

        Map<String, Object> verdict = verify(placed.licences().get(0).key());
        assertThat(verdict)
                .containsEntry("valid", true)
                .containsEntry("genuine", true)
                .containsEntry("revoked", false)
                .containsEntry("keyId", keyId);
        assertThat((Map<String, Object>) verdict.get("claims"))
                .containsEntry("sku", "PROFESSIONAL")
                .containsEntry("seats", 3)
                .containsKey("licenceId")
                .doesNotContainKey("orderId");
    }

    @Test
    void aKeyNamesNoOrderSoItsHolderCannotReachTheOrder() throws Exception {
        String orderId = place(Http.order("holder@example.com", "ENTERPRISE", 5));
        LicencesIssued issued = (LicencesIssued) awaitEvent(orderId, EventType.LICENCES_ISSUED);
        String key = issued.licences().get(0).key();

        String claims = new String(
                java.util.Base64.getUrlDecoder().decode(key.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(claims).doesNotContain(orderId).doesNotContain("orderId").doesNotContain("holder@example.com");
        assertThat(verify(key).toString()).doesNotContain(orderId);
    }

    @Test
    void aKeyIsValidOnlyForTheExpectedSkuAndSeats() {
        String orderId = place(Http.order("expects@example.com", "STARTER", 3));
        String key = (String) licencesOf(orderId).get(0).get("key");

        assertThat(verify(key, Map.of("expectedSku", "STARTER", "minimumSeats", 3)))
                .containsEntry("valid", true);
        assertThat(verify(key, Map.of("expectedSku", "ENTERPRISE")))
                .containsEntry("valid", false)
                .containsEntry("genuine", true)
                .containsEntry("revoked", false)
                .containsEntry("reason", "the key is for STARTER, not ENTERPRISE");
        assertThat(verify(key, Map.of("expectedSku", "STARTER", "minimumSeats", 4)))
                .containsEntry("valid", false)
                .containsEntry("reason", "the key has 3 seats, fewer than 4");
        var wrongType = http.postJson("/api/licences/verify", Map.of("key", key, "minimumSeats", "many"));
        assertThat(wrongType.status()).isEqualTo(422);
    }

    private Map<String, Object> verify(String key, Map<String, Object> expectations) {
        Map<String, Object> body = new java.util.HashMap<>(expectations);
        body.put("key", key);
        var response = http.postJson("/api/licences/verify", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aTamperedKeyIsNotValid() {
        String orderId = place(Http.order("tamper@example.com", "ENTERPRISE", 2));
        String key = (String) licencesOf(orderId).get(0).get("key");
        String[] parts = key.split("\\.");
        String flipped = parts[0] + "." + parts[1].substring(0, 10) + (parts[1].charAt(10) == 'x' ? 'y' : 'x')
                + parts[1].substring(11) + "." + parts[2];

        assertThat(verify(flipped)).containsEntry("valid", false).containsEntry("genuine", false);
    }

    private TestHttp.Response refund(String orderId) {
        return http.send(StaffLogin.authorize(http.request("/api/orders/" + orderId + "/refund")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(""))));
    }

    @Test
    void aPaidOrderIsRefundedNotCancelledAndItsKeysStayValid() throws Exception {
        String orderId = place(Http.order("keep@example.com", "STARTER", 1));
        String key = (String) licencesOf(orderId).get(0).get("key");

        var cancel = http.postJson("/api/orders/" + orderId + "/cancel", Map.of());

        assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
        assertThat((String) cancel.json().get("type")).endsWith(":order-paid");
        assertThat(verify(key)).containsEntry("valid", true);
        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND type IN ('OrderCancelled', 'LicenceRevoked')"))
                .isZero();
    }

    @Test
    void refundingRevokesTheKeysInTheSameTransactionAndVerifySaysSo() throws Exception {
        String orderId = place(Http.order("revoke@example.com", "STARTER", 3));
        String key = (String) licencesOf(orderId).get(0).get("key");
        long horizonBefore = ((Number) http.get("/api/licences/revoked").json().get("next")).longValue();

        var refunded = refund(orderId);
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(202);

        assertThat(verify(key))
                .containsEntry("valid", false)
                .containsEntry("genuine", true)
                .containsEntry("revoked", true);
        LicenceRevoked revoked = (LicenceRevoked) awaitEvent(orderId, EventType.LICENCE_REVOKED);
        assertThat(revoked.licences()).extracting(LicenceKey::key).containsExactly(key);
        assertThat(count("SELECT count(*) FROM commands.events e JOIN commands.events r ON r.sequence + 1 = e.sequence"
                        + " WHERE e.type = 'LicenceRevoked' AND r.type = 'OrderRefunded' AND e.aggregate_id = '"
                        + orderId + "'"))
                .isEqualTo(1);

        var listed = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> http.get("/api/licences/revoked?after=" + horizonBefore),
                        page -> page.status() == 200 && !((List<?>) page.json().get("revocations")).isEmpty());
        Map<String, Object> list = listed.json();
        String fingerprint = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat((List<Map<String, Object>>) list.get("revocations"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r)
                            .containsEntry("fingerprints", List.of(fingerprint))
                            .containsKeys("sequence", "revokedAt", "reason")
                            .doesNotContainKeys("orderId", "keys");
                });
        assertThat(listed.body()).doesNotContain(orderId).doesNotContain(key).doesNotContain("revoke@example.com");
        long next = ((Number) list.get("next")).longValue();
        assertThat((List<?>)
                        http.get("/api/licences/revoked?after=" + next).json().get("revocations"))
                .isEmpty();

        assertThat(refund(orderId).status()).isEqualTo(409);
        assertThat(count(
                        "SELECT count(*) FROM commands.revoked_licence_keys WHERE fingerprint = '" + fingerprint + "'"))
                .isEqualTo(1);
    }

    @Test
    void revocationsAnswerDuringTheHorizonLockAndSayWhenUnchanged() throws Exception {
        http.get("/api/licences/revoked"); // this instance's first horizon
        try (java.sql.Connection writer = database.connect()) {
            writer.setAutoCommit(false);
            writer.createStatement().execute("SELECT pg_advisory_xact_lock_shared(" + EventStore.HORIZON_LOCK + ")");

            // also once the horizon is older than a second and being refreshed (behind this writer)
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(8))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> http.get("/api/licences/revoked").status() == 200);
            var page = http.get("/api/licences/revoked");
            assertThat(page.header("Cache-Control")).isEqualTo("public, max-age=1");
            var again = http.send(http.request("/api/licences/revoked")
                    .header("If-None-Match", page.header("ETag"))
                    .GET());
            assertThat(again.status()).isEqualTo(304);
            writer.rollback();
        }
    }

    @Test
    void whatIsNoLicenceKeyIsA422ProblemNeverA500() {
        for (String body : List.of(
                "",
                "{}",
                "not json",
                "[]",
                "{\"key\": 7}",
                "{\"key\": \"\"}",
                "{\"key\": \"" + "A".repeat(20_000) + "\"}",
                "{\"key\": \"k1.%%%.@@@\"}",
                "{\"key\": \"only-one-part\"}",
                "{\"key\": \"a.b.c.d\"}")) {
            var response = http.postRaw("/api/licences/verify", "application/json", body);

            assertThat(response.status())
                    .as(body.length() > 80 ? "huge key" : body)
                    .isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:invalid-licence-key");
        }
    }

    @Test
    void aBadRevocationListPositionIsA400Problem() {
        var response = http.get("/api/licences/revoked?after=minus-one");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anEmptyRevocationPositionReadsFromTheStartLikeNone() {
        var empty = http.get("/api/licences/revoked?after=");
        var absent = http.get("/api/licences/revoked");

        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        // the horizon may move between the two calls (it is refreshed about every second); the page may not
        assertThat(empty.json().get("revocations")).isEqualTo(absent.json().get("revocations"));
    }

    @Test
    void aVerifyBodyWithARepeatedKeyOrTrailingDataIsRefused() {
        String key = (String) licencesOf(place(Http.order("strict@example.com", "STARTER", 1)))
                .get(0)
                .get("key");
        for (String body : List.of(
                "{\"key\":\"forged.key.text\",\"key\":\"" + key + "\"}", "{\"key\":\"" + key + "\"} trailing")) {
            var response = http.postRaw("/api/licences/verify", "application/json", body);

            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:invalid-licence-key");
        }
    }
}
