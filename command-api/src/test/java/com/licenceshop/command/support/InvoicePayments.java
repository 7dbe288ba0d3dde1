package com.licenceshop.command.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestHttp;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Paid orders without a card provider (ADR 13, payment required by default): the order on invoice, then the transfer
 * of its gross recorded by sales staff, as {@code POST /api/invoices/{number}/transfers} does it. The keys are issued
 * with that payment ({@code PaymentSucceeded} + {@code LicencesIssued} in one transaction).
 */
public final class InvoicePayments {

    private InvoicePayments() {}

    /** Places the order on invoice and pays its invoice in full; its id, the keys issued. */
    public static String placePaid(Http http, Map<String, Object> order) {
        Map<String, Object> onInvoice = new HashMap<>(order);
        onInvoice.put("paymentMethod", "INVOICE");
        onInvoice.put("company", "Keys Ltd");
        onInvoice.put("billingAddress", "1 Key Street\n10115 Berlin");
        var placed = http.postJson("/api/orders", onInvoice);
        assertThat(placed.status()).as(placed.body()).isEqualTo(202);
        String orderId = (String) placed.json().get("orderId");

        Map<?, ?> invoice = await("the invoice of " + orderId)
                .atMost(Duration.ofSeconds(15))
                .until(() -> invoiceOf(http, orderId), found -> found != null);
        var transfer =
                http.send(StaffLogin.authorize(http.request("/api/invoices/" + invoice.get("number") + "/transfers")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(TestHttp.write(
                                Map.of("amountCents", invoice.get("grossCents"), "reference", "BANK-" + orderId))))));
        assertThat(transfer.status()).as(transfer.body()).isEqualTo(201);
        assertThat(transfer.json()).as(transfer.body()).containsEntry("status", "KEYS_ISSUED");
        return orderId;
    }

    private static Map<?, ?> invoiceOf(Http http, String orderId) {
        Object payment = http.get("/api/orders/" + orderId).json().get("payment");
        return payment instanceof Map<?, ?> map && map.get("invoice") instanceof Map<?, ?> invoice ? invoice : null;
    }
}
