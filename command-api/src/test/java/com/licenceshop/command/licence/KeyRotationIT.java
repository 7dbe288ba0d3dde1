package com.licenceshop.command.licence;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.ConsumingCommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.command.support.InvoicePayments;
import com.licenceshop.testsupport.LicenceSigningKeys;
import com.licenceshop.testsupport.OfflineLicenceCheck;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service after a rotation: signs with "new" (a paid order's keys), still verifies what "old" signed before. */
@MicronautTest(transactional = false)
class KeyRotationIT extends ConsumingCommandApiIT {

    private static final KeyPair OLD = LicenceSigningKeys.newPair();
    private static final KeyPair NEW = LicenceSigningKeys.newPair();

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "shop.licences.signing-key",
                LicenceSigningKeys.privateKey(NEW),
                "shop.licences.signing-key-id",
                "new",
                "shop.licences.verify-keys",
                "old=" + LicenceSigningKeys.publicKey(OLD));
    }

    @Test
    void rotatingKeepsOldKeysValidAndSignsNewOnesWithTheNew() throws Exception {
        var before = new LicenceSigner(SigningKeys.of(LicenceSigningKeys.privateKey(OLD), "old", ""))
                .sign(LicenceClaims.issue("STARTER", 2, Instant.parse("2026-01-01T00:00:00Z"), null));

        var verdict =
                http.postJson("/api/licences/verify", Map.of("key", before)).json();
        assertThat(verdict).containsEntry("valid", true).containsEntry("keyId", "old");

        String orderId = InvoicePayments.placePaid(http, Http.order("rotated@example.com", "STARTER", 1));
        @SuppressWarnings("unchecked")
        var licences = (List<Map<String, Object>>)
                http.get("/api/orders/" + orderId).json().get("licences");
        String after = (String) licences.get(0).get("key");
        assertThat(after).startsWith("new.");

        Map<String, Object> published = http.get("/api/licences/public-key").json();
        assertThat(published).containsEntry("keyId", "new");
        @SuppressWarnings("unchecked")
        var keys = (List<Map<String, Object>>) published.get("keys");
        assertThat(keys).extracting(k -> k.get("keyId")).containsExactly("new", "old");
        assertThat(keys).extracting(k -> k.get("signing")).containsExactly(true, false);
        String oldPublic = (String) keys.get(1).get("publicKey");
        assertThat(OfflineLicenceCheck.verifiedClaims(before, "old", oldPublic)).contains("\"seats\":2");
        assertThat(OfflineLicenceCheck.verifiedClaims(after, "new", (String) published.get("publicKey")))
                .contains("\"sku\":\"STARTER\"")
                .doesNotContain(orderId);
    }
}
