package com.licenceshop.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * An event of the shop's published language. Its JSON is the same everywhere: in the event store, on the
 * broker and in the ops feed, with the type name as the {@code type} property.
 *
 * <p>Changes are additive only; readers ignore properties they do not know. A breaking change is a new type
 * or a new {@link EventType#schemaVersion()}.
 */
@Serdeable
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OrderPlaced.class, name = "OrderPlaced"),
    @JsonSubTypes.Type(value = OrderCancelled.class, name = "OrderCancelled"),
    @JsonSubTypes.Type(value = SalesPeriodClosed.class, name = "SalesPeriodClosed"),
    @JsonSubTypes.Type(value = ProductAdded.class, name = "ProductAdded"),
    @JsonSubTypes.Type(value = ProductChanged.class, name = "ProductChanged"),
    @JsonSubTypes.Type(value = ProductRetired.class, name = "ProductRetired"),
    @JsonSubTypes.Type(value = LicenceRevoked.class, name = "LicenceRevoked"),
    @JsonSubTypes.Type(value = PaymentRequested.class, name = "PaymentRequested"),
    @JsonSubTypes.Type(value = InvoiceIssued.class, name = "InvoiceIssued"),
    @JsonSubTypes.Type(value = PaymentFailed.class, name = "PaymentFailed"),
    @JsonSubTypes.Type(value = TransferRecorded.class, name = "TransferRecorded"),
    @JsonSubTypes.Type(value = PaymentSucceeded.class, name = "PaymentSucceeded"),
    @JsonSubTypes.Type(value = LicencesIssued.class, name = "LicencesIssued"),
    @JsonSubTypes.Type(value = PaymentReminded.class, name = "PaymentReminded"),
    @JsonSubTypes.Type(value = PaymentExpired.class, name = "PaymentExpired"),
    @JsonSubTypes.Type(value = RefundRequested.class, name = "RefundRequested"),
    @JsonSubTypes.Type(value = OrderRefunded.class, name = "OrderRefunded")
})
public sealed interface ShopEvent
        permits OrderPlaced,
                OrderCancelled,
                SalesPeriodClosed,
                ProductAdded,
                ProductChanged,
                ProductRetired,
                LicenceRevoked,
                PaymentRequested,
                InvoiceIssued,
                PaymentFailed,
                TransferRecorded,
                PaymentSucceeded,
                LicencesIssued,
                PaymentReminded,
                PaymentExpired,
                RefundRequested,
                OrderRefunded {

    /** Unique id; consumers deduplicate on it. Also the AMQP {@code message_id}. */
    UUID eventId();

    /** Position in the event store. Unique and increasing, but not contiguous and not committed in order. */
    long sequence();

    Instant occurredAt();

    default EventType eventType() {
        return EventType.of(this);
    }
}
