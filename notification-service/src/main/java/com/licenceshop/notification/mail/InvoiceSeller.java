package com.licenceshop.notification.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Arrays;
import java.util.List;

/**
 * {@code shop.invoice.seller.*} (README's table): who issues the invoices, as an invoice must name them (§14 UStG:
 * the seller's name, address and VAT id). Configuration, not an event field: it is the shop's, the same for every
 * order, and a deployment sets it. {@code address}: its lines separated by {@code ;} or line breaks (one environment
 * variable).
 */
@ConfigurationProperties("shop.invoice.seller")
public record InvoiceSeller(
        @Bindable(defaultValue = "Licence Shop") String name,
        @Nullable String address,
        @Nullable String vatId) {

    /** What the invoice templates show as {@code seller}: blanks left out. */
    public record View(
            String name,
            List<String> addressLines,
            @Nullable String vatId) {}

    public View view() {
        List<String> lines = address == null
                ? List.of()
                : Arrays.stream(address.split("[;\\n]"))
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList();
        return new View(name.strip(), lines, vatId == null || vatId.isBlank() ? null : vatId.strip());
    }
}
