package com.licenceshop.command.order;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * What an Idempotency-Key row, as it stands after this transaction claimed its keys, means for one command.
 * Pure: the row is the stored request fingerprint and order id.
 */
final class KeyResolution {

    private KeyResolution() {}

    /**
     * @param storedToken the stored order's access token (null before tokens, or while it is placed in this batch)
     * @return null if this command owns the key (it places its order), else its answer
     */
    static PlacingOrders.Outcome resolve(
            PendingOrder command, String storedFingerprint, UUID storedOrderId, @Nullable String storedToken) {
        if (storedOrderId.equals(command.orderId())) {
            return null;
        }
        if (storedFingerprint.equals(command.fingerprint())) {
            return new PlacingOrders.Accepted(storedOrderId, true, storedToken);
        }
        return new PlacingOrders.KeyReused();
    }
}
