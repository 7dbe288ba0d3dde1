package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * The order is paid: by card ({@code providerPaymentId} the provider's payment intent, {@code pi_…}) or by the
 * transfers of its invoice ({@code transfer:<reference>} of the one that completed it). Followed in the same
 * transaction by {@link LicencesIssued} (unless the keys went out before payment).
 */
@Serdeable
public record PaymentSucceeded(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String method,
        long amountCents,
        String currency,
        String providerPaymentId)
        implements ShopEvent {

    @Creator
    public PaymentSucceeded {}
}
