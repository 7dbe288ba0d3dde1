package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyResolutionTest {

    final PendingOrder command = PendingOrder.of(
            new PlaceOrder("a@example.com", List.of(new PlaceOrder.Item("STARTER", 1))),
            "key-1",
            "fingerprint-1",
            "correlation");

    @Test
    void theCommandWhoseOrderIdTheKeyHoldsPlacesTheOrder() {
        assertThat(KeyResolution.resolve(command, "fingerprint-1", command.orderId(), null))
                .isNull();
    }

    @Test
    void aTwinRequestReplaysTheStoredOrderAndItsToken() {
        UUID stored = UUID.randomUUID();
        assertThat(KeyResolution.resolve(command, "fingerprint-1", stored, "stored-token"))
                .isEqualTo(new PlacingOrders.Accepted(stored, true, "stored-token"));
    }

    @Test
    void aTwinWithAnotherRequestIsAKeyReuse() {
        assertThat(KeyResolution.resolve(command, "fingerprint-2", UUID.randomUUID(), null))
                .isInstanceOf(PlacingOrders.KeyReused.class);
    }
}
