package com.licenceshop.command.licence;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.ConsumingCommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.EventType;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderPlaced;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@code PAYMENT_REQUIRED=false}, the operator's explicit choice of the shop before payment (ADR 13, "The switch"):
 * the keys are signed at placement and travel in {@code OrderPlaced} v2, and no payment process exists.
 */
@MicronautTest(transactional = false)
class KeysAtPlacementIT extends ConsumingCommandApiIT {

    @Override
    protected Map<String, String> moreProperties() {
        // the subject is the free path itself, which payment (on by default) replaces
        return Map.of("shop.payment.required", "false");
    }

    @Test
    void withoutPaymentOrderPlacedCarriesTheKeysAndNoPaymentStarts() throws Exception {
        var response = http.postJson("/api/orders", Http.order("free@example.com", "PROFESSIONAL", 3));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String orderId = (String) response.json().get("orderId");

        OrderPlaced placed = (OrderPlaced) awaitEvent(orderId, EventType.ORDER_PLACED);
        assertThat(placed.awaitsPayment()).isFalse();
        assertThat(placed.licences())
                .extracting(LicenceKey::line, LicenceKey::sku, LicenceKey::seats)
                .containsExactly(Tuple.tuple(1, "PROFESSIONAL", 3));
        assertThat(count("SELECT count(*) FROM commands.events WHERE type = 'OrderPlaced' AND schema_version = 2"
                        + " AND aggregate_id = '" + orderId + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.payment_processes WHERE order_id = '" + orderId + "'"))
                .isZero();

        Map<String, Object> order = http.get("/api/orders/" + orderId).json();
        assertThat(order.get("payment")).isNull();
        assertThat((List<?>) order.get("licences")).hasSize(1);
        var verdict = http.postJson(
                "/api/licences/verify", Map.of("key", placed.licences().get(0).key()));
        assertThat(verdict.json()).containsEntry("valid", true).containsEntry("revoked", false);
    }
}
