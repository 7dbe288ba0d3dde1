package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * A licence's name as of {@code version} (ProductAdded is version 1, each ProductChanged names its own). The
 * figures show the name of the highest version seen, so names arriving in any order end the same.
 */
public record ProductNamed(UUID eventId, long sequence, Instant occurredAt, String sku, String name, long version)
        implements SalesChange {}
