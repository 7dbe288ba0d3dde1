package com.licenceshop.command.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.licenceshop.events.ProductAdded;
import com.licenceshop.events.ProductChanged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A licence of the catalog as it is now: the representation of {@code /api/products/{sku}}. */
@Serdeable
@Schema(description = "A licence of the catalog", example = """
        {"sku":"ACME_PRO","name":"Acme Pro","description":"Up to 20 users","unitPriceCents":129900,"currency":"EUR",\
        "status":"ON_SALE","version":3,"keysBeforePayment":false}""")
public record Product(
        @Schema(example = "ACME_PRO", pattern = ProductValidation.SKU_PATTERN)
        String sku,

        @Schema(example = "Acme Pro", maxLength = ProductValidation.MAX_NAME)
        String name,

        @Schema(example = "Up to 20 users", nullable = true, maxLength = ProductValidation.MAX_DESCRIPTION)
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Nullable
        String description,

        @Schema(example = "129900", description = "price of one licence in cents", minimum = "1", maximum = "100000000")
        long unitPriceCents,

        @Schema(example = "EUR", allowableValues = "EUR") String currency,
        ProductStatus status,

        @Schema(example = "3", description = "+1 per change or retirement; the ETag is this number in quotes")
        long version,

        @Schema(
                example = "false",
                description = "an invoice order whose licences all have this gets its keys with the invoice, before"
                        + " it is paid (revoked if the invoice stays unpaid past its grace period); card orders always"
                        + " get them on payment")
        boolean keysBeforePayment) {

    public boolean onSale() {
        return status == ProductStatus.ON_SALE;
    }

    /** The strong ETag of this version: {@code "3"}. */
    public String etag() {
        return ETags.of(version);
    }

    ProductAdded added(UUID eventId, long sequence, Instant at, String by) {
        return new ProductAdded(eventId, sequence, at, sku, name, description, unitPriceCents, currency, by);
    }

    ProductChanged changed(UUID eventId, long sequence, Instant at, String by) {
        return new ProductChanged(eventId, sequence, at, sku, name, description, unitPriceCents, currency, version, by);
    }
}
