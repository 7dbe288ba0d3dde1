package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CatalogClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys before payment per licence (ADR 13, "Invoice customers and early keys"), through the API: staff switch it on
 * in the catalog; an invoice order of such licences only gets its keys with the invoice, an unpaid one loses them
 * after the grace period; an order with one licence that does not allow it, and every card order, waits for its
 * payment.
 */
@MicronautTest(transactional = false)
class KeysBeforePaymentIT extends PaymentIT {

    private static final String EARLY = "EARLY_KEYS";
    private static final String LATE = "KEYS_ON_PAYMENT";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @BeforeAll
    void licencesWithAndWithoutEarlyKeys() {
        CatalogClient catalog = new CatalogClient(http);
        Map<String, Object> early = CatalogClient.product(EARLY, "Early keys", 100_000);
        early.put("keysBeforePayment", true);
        var added = catalog.add(early);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json()).containsEntry("keysBeforePayment", true);
        var late = catalog.add(CatalogClient.product(LATE, "Keys on payment", 100_000));
        assertThat(late.json()).containsEntry("keysBeforePayment", false);
    }

    @SuppressWarnings("unchecked")
    private String invoiceNumber(String orderId) {
        await("the invoice of " + orderId)
                .atMost(PATIENCE)
                .until(() -> payment(orderId).get("invoice") != null);
        return (String) ((Map<String, Object>) payment(orderId).get("invoice")).get("number");
    }

    @Test
    void allowedLicencesGetKeysWithTheInvoiceAndNoneAgainWhenPaid() throws Exception {
        String orderId = placeOnInvoice("early@example.com", EARLY, 2);
        String number = invoiceNumber(orderId);

        assertThat(licences(orderId)).hasSize(1);
        assertThat(paymentStatus(orderId)).isEqualTo("AWAITING_PAYMENT");
        assertThat(events(orderId, "LicencesIssued")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND type = 'LicencesIssued' AND payload->>'unpaidInvoice' = '" + number + "'"))
                .as("the keys name the invoice still to be paid")
                .isEqualTo(1);

        var paid = asStaff(
                "/api/invoices/" + number + "/transfers", "{\"amountCents\":238000,\"reference\":\"BANK-EARLY-1\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json()).containsEntry("status", "KEYS_ISSUED");
        assertThat(events(orderId, "PaymentSucceeded")).isEqualTo(1);
        assertThat(events(orderId, "LicencesIssued")).isEqualTo(1);
    }

    @Test
    void anUnpaidInvoicePastGraceRevokesTheKeysItGaveEarly() throws Exception {
        String orderId = placeOnInvoice("unpaid@example.com", EARLY, 1);
        invoiceNumber(orderId);
        assertThat(licences(orderId)).hasSize(1);

        // weeks pass: the grace period's end is due now (the scheduler claims it within its poll)
        execute("UPDATE commands.payment_deadlines SET due_at = now() - interval '1 second' WHERE order_id = '"
                + orderId + "' AND kind = 'INVOICE_GRACE_END'");

        await("the grace period's end").atMost(PATIENCE).until(() -> events(orderId, "LicenceRevoked") == 1);
        assertThat(paymentStatus(orderId)).isEqualTo("EXPIRED");
        assertThat(events(orderId, "PaymentExpired")).isEqualTo(1);
        assertThat(events(orderId, "OrderCancelled")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId
                        + "' AND type = 'LicenceRevoked' AND payload->>'reason' = 'order cancelled'"))
                .isEqualTo(1);
    }

    @Test
    void oneLicenceWithoutEarlyKeysMakesAnInvoiceOrderWaitForPayment() throws Exception {
        String orderId = placeOnInvoice(
                "mixed@example.com", List.of(Map.of("sku", EARLY, "quantity", 1), Map.of("sku", LATE, "quantity", 1)));

        invoiceNumber(orderId);
        assertThat(licences(orderId)).isEmpty();
        assertThat(events(orderId, "LicencesIssued")).isZero();
    }

    @Test
    void aCardOrderOfSuchALicenceStillWaitsForItsPayment() throws Exception {
        String orderId = place("card-early@example.com", EARLY, 1);
        var checkout = checkout(orderId);
        assertThat(checkout.status()).as(checkout.body()).isIn(200, 201);

        assertThat(paymentStatus(orderId)).isEqualTo("AWAITING_PAYMENT");
        assertThat(licences(orderId)).isEmpty();
        assertThat(events(orderId, "LicencesIssued")).isZero();
    }
}
