package com.licenceshop.events;

import java.util.Arrays;

/** Every event type with its AMQP routing key and current schema version. */
public enum EventType {
    /** v2 added {@code licences}: the signed licence keys (a v1 reader would mail an order without them). */
    ORDER_PLACED("OrderPlaced", "order.placed", 2, OrderPlaced.class),
    ORDER_CANCELLED("OrderCancelled", "order.cancelled", 1, OrderCancelled.class),
    SALES_PERIOD_CLOSED("SalesPeriodClosed", "sales.period-closed", 1, SalesPeriodClosed.class),
    PRODUCT_ADDED("ProductAdded", "product.added", 1, ProductAdded.class),
    PRODUCT_CHANGED("ProductChanged", "product.changed", 1, ProductChanged.class),
    PRODUCT_RETIRED("ProductRetired", "product.retired", 1, ProductRetired.class),
    LICENCE_REVOKED("LicenceRevoked", "licence.revoked", 1, LicenceRevoked.class);

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
