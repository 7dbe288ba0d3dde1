package com.licenceshop.events;

import java.util.Arrays;

/** Every event type with its AMQP routing key and current schema version. */
public enum EventType {
    /**
     * v2 added {@code licences}: the signed licence keys (a v1 reader would mail an order without them). v3 added
     * {@code paymentMethod}: when present the keys are not in it but follow in {@link LicencesIssued} after payment
     * (a v2 reader would take it for an order whose keys were lost).
     */
    ORDER_PLACED("OrderPlaced", "order.placed", 3, OrderPlaced.class),
    ORDER_CANCELLED("OrderCancelled", "order.cancelled", 1, OrderCancelled.class),
    SALES_PERIOD_CLOSED("SalesPeriodClosed", "sales.period-closed", 1, SalesPeriodClosed.class),
    PRODUCT_ADDED("ProductAdded", "product.added", 1, ProductAdded.class),
    PRODUCT_CHANGED("ProductChanged", "product.changed", 1, ProductChanged.class),
    PRODUCT_RETIRED("ProductRetired", "product.retired", 1, ProductRetired.class),
    LICENCE_REVOKED("LicenceRevoked", "licence.revoked", 1, LicenceRevoked.class),
    // the payment process (ADR 13)
    PAYMENT_REQUESTED("PaymentRequested", "payment.requested", 1, PaymentRequested.class),
    INVOICE_ISSUED("InvoiceIssued", "invoice.issued", 1, InvoiceIssued.class),
    PAYMENT_FAILED("PaymentFailed", "payment.failed", 1, PaymentFailed.class),
    TRANSFER_RECORDED("TransferRecorded", "payment.transfer-recorded", 1, TransferRecorded.class),
    PAYMENT_SUCCEEDED("PaymentSucceeded", "payment.succeeded", 1, PaymentSucceeded.class),
    LICENCES_ISSUED("LicencesIssued", "licence.issued", 1, LicencesIssued.class),
    PAYMENT_REMINDED("PaymentReminded", "payment.reminded", 1, PaymentReminded.class),
    PAYMENT_EXPIRED("PaymentExpired", "payment.expired", 1, PaymentExpired.class),
    REFUND_REQUESTED("RefundRequested", "payment.refund-requested", 1, RefundRequested.class),
    ORDER_REFUNDED("OrderRefunded", "order.refunded", 1, OrderRefunded.class);

    private final String typeName;
    private final String routingKey;
    private final int schemaVersion;
    private final Class<? extends ShopEvent> eventClass;

    EventType(String typeName, String routingKey, int schemaVersion, Class<? extends ShopEvent> eventClass) {
        this.typeName = typeName;
        this.routingKey = routingKey;
        this.schemaVersion = schemaVersion;
        this.eventClass = eventClass;
    }

    /** The {@code type} property of the JSON, the AMQP {@code type} and the event store's type column. */
    public String typeName() {
        return typeName;
    }

    public String routingKey() {
        return routingKey;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Whether a reader built with this version reads a body of {@code version}. Versions only ever add fields,
     * so every version up to the current one is read (an older body lacks the newer fields); a newer one is
     * not: it may carry something this reader would silently drop.
     */
    public boolean reads(int version) {
        return version >= 1 && version <= schemaVersion;
    }

    /**
     * The schema version to publish {@code event} with: the lowest whose shape it has, so a reader of an older
     * version still reads what it can read. An {@code OrderPlaced} without {@code paymentMethod} is a v2 body (its
     * keys are in it); only a payment-gated one is v3. Every other type: {@link #schemaVersion()}.
     */
    public int versionOf(ShopEvent event) {
        if (!eventClass.isInstance(event)) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not a " + typeName);
        }
        if (event instanceof OrderPlaced placed && !placed.awaitsPayment()) {
            return 2;
        }
        return schemaVersion;
    }

    public Class<? extends ShopEvent> eventClass() {
        return eventClass;
    }

    public static EventType of(ShopEvent event) {
        return Arrays.stream(values())
                .filter(t -> t.eventClass.isInstance(event))
                .findFirst()
                .orElseThrow();
    }

    public static EventType ofTypeName(String typeName) {
        return Arrays.stream(values())
                .filter(t -> t.typeName.equals(typeName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type: " + typeName));
    }
}
