package com.licenceshop.command.licence;

import com.licenceshop.command.support.ConsumingCommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.EventType;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicenceRevoked;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.testsupport.OfflineLicenceCheck;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class LicencesIT extends ConsumingCommandApiIT {

    private String place(Map<String, Object> order) {
        var response = http.postJson("/api/orders", order);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) response.json().get("orderId");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> licencesOf(String orderId) {
        return (List<Map<String, Object>>) http.get("/api/orders/" + orderId).json().get("licences");
    }

    private Map<String, Object> verify(String key) {
        var response = http.postJson("/api/licences/verify", Map.of("key", key));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void anOrderCarriesOneSignedKeyPerLineInItsEventAndOnItsPage() throws Exception {
        String orderId = place(Map.of("customerEmail", "keys@example.com", "items", List.of(
                Map.of("sku", "PROFESSIONAL", "quantity", 3), Map.of("sku", "STARTER", "quantity", 1))));

        OrderPlaced placed = (OrderPlaced) awaitEvent(orderId, EventType.ORDER_PLACED);
        assertThat(placed.licences()).extracting(LicenceKey::line, LicenceKey::sku, LicenceKey::seats)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "PROFESSIONAL", 3),
                        org.assertj.core.groups.Tuple.tuple(2, "STARTER", 1));
        assertThat(licencesOf(orderId)).extracting(l -> l.get("key"))
                .containsExactlyElementsOf(placed.licences().stream().map(LicenceKey::key).toList());
        assertThat(count("SELECT count(*) FROM commands.events WHERE type = 'OrderPlaced' AND schema_version = 2"
                + " AND aggregate_id = '" + orderId + "'"))
                .isEqualTo(1);

        Map<String, Object> published = http.get("/api/licences/public-key").json();
        String keyId = (String) published.get("keyId");
        assertThat(published).containsEntry("algorithm", "Ed25519");
        String claims = OfflineLicenceCheck.verifiedClaims(placed.licences().get(0).key(), keyId,
                (String) published.get("publicKey"));
        assertThat(claims).isEqualTo("{\"v\":1,\"sku\":\"PROFESSIONAL\",\"orderId\":\"" + orderId
                + "\",\"line\":1,\"seats\":3,\"issuedAt\":\"" + placed.occurredAt() + "\"}");

        Map<String, Object> verdict = verify(placed.licences().get(0).key());
        assertThat(verdict).containsEntry("valid", true).containsEntry("genuine", true).containsEntry("revoked", false)
                .containsEntry("keyId", keyId);
        assertThat((Map<String, Object>) verdict.get("claims")).containsEntry("sku", "PROFESSIONAL")
                .containsEntry("orderId", orderId).containsEntry("seats", 3).containsEntry("line", 1);
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

    @Test
    void cancellingRevokesTheKeysInTheSameTransactionAndVerifySaysSo() throws Exception {
        String orderId = place(Http.order("revoke@example.com", "STARTER", 3));
        String key = (String) licencesOf(orderId).get(0).get("key");
        long horizonBefore = ((Number) http.get("/api/licences/revoked").json().get("next")).longValue();

        assertThat(http.postJson("/api/orders/" + orderId + "/cancel", Map.of()).status()).isEqualTo(202);

        assertThat(verify(key)).containsEntry("valid", false).containsEntry("genuine", true).containsEntry("revoked", true);
        LicenceRevoked revoked = (LicenceRevoked) awaitEvent(orderId, EventType.LICENCE_REVOKED);
        assertThat(revoked.licences()).extracting(LicenceKey::key).containsExactly(key);
        assertThat(count("SELECT count(*) FROM commands.events e JOIN commands.orders o ON o.cancelled_sequence + 1 = e.sequence"
                + " WHERE e.type = 'LicenceRevoked' AND o.id = '" + orderId + "'")).isEqualTo(1);

        var listed = http.get("/api/licences/revoked?after=" + horizonBefore);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        Map<String, Object> list = listed.json();
        assertThat((List<Map<String, Object>>) list.get("revocations")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("orderId", orderId).containsEntry("keys", List.of(key));
        });
        long next = ((Number) list.get("next")).longValue();
        assertThat((List<?>) http.get("/api/licences/revoked?after=" + next).json().get("revocations")).isEmpty();

        http.postJson("/api/orders/" + orderId + "/cancel", Map.of());
        assertThat(count("SELECT count(*) FROM commands.licence_revocations WHERE order_id = '" + orderId + "'")).isEqualTo(1);
    }

    @Test
    void whatIsNoLicenceKeyIsA422ProblemNeverA500() {
        for (String body : List.of("", "{}", "not json", "[]", "{\"key\": 7}", "{\"key\": \"\"}",
                "{\"key\": \"" + "A".repeat(20_000) + "\"}", "{\"key\": \"k1.%%%.@@@\"}", "{\"key\": \"only-one-part\"}",
                "{\"key\": \"a.b.c.d\"}")) {
            var response = http.postRaw("/api/licences/verify", "application/json", body);

            assertThat(response.status()).as(body.length() > 80 ? "huge key" : body).isEqualTo(422);
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
    void anEmptyRevocationListPositionReadsFromTheStartAsLeavingItOutDoes() {
        var empty = http.get("/api/licences/revoked?after=");
        var absent = http.get("/api/licences/revoked");

        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.json()).isEqualTo(absent.json());
    }

    @Test
    void aVerifyBodyWithAKeyTwiceOrTrailingDataIsNoLicenceKey() {
        String key = (String) licencesOf(place(Http.order("strict@example.com", "STARTER", 1))).get(0).get("key");
        for (String body : List.of("{\"key\":\"forged.key.text\",\"key\":\"" + key + "\"}", "{\"key\":\"" + key + "\"} trailing")) {
            var response = http.postRaw("/api/licences/verify", "application/json", body);

            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:invalid-licence-key");
        }
    }
}
