package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paying on invoice (ADR 13): a gapless invoice number per year, VAT on the net total, transfers recorded by sales
 * staff (partial, over, twice, for no invoice), keys once the gross is in.
 */
@MicronautTest(transactional = false)
class InvoicePaymentIT extends PaymentIT {

    @SuppressWarnings("unchecked")
    private Map<String, Object> invoice(String orderId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> payment(orderId).get("invoice") != null);
        return (Map<String, Object>) payment(orderId).get("invoice");
    }

    private String transfer(String invoice, long cents, String reference) {
        return "{\"amountCents\":" + cents + ",\"reference\":\"" + reference + "\"}";
    }

    @Test
    void invoicesGetTheYearsNextGaplessNumberAndVatOnTheNet() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add((String) invoice(placeOnInvoice("numbers" + i + "@example.com", "PROFESSIONAL", 2))
                    .get("number"));
        }
        int year = LocalDate.now(ZoneId.of("Europe/Berlin")).getYear();
        List<Integer> running = numbers.stream()
                .peek(n -> assertThat(n).matches(year + "-[0-9]{6}"))
                .map(n -> Integer.parseInt(n.substring(5)))
                .sorted()
                .toList();
        assertThat(running.get(2) - running.get(0)).isEqualTo(2);
        assertThat(running).doesNotHaveDuplicates();
        String orderId = placeOnInvoice("vat@example.com", "PROFESSIONAL", 2);
        assertThat(invoice(orderId))
                .containsEntry("netCents", 300_000)
                .containsEntry("vatRateBasisPoints", 1_900)
                .containsEntry("vatCents", 57_000)
                .containsEntry("grossCents", 357_000);
        assertThat(payment(orderId))
                .containsEntry("method", "INVOICE")
                .containsEntry("status", "AWAITING_PAYMENT")
                .containsEntry("canPay", false)
                .containsEntry("outstandingCents", 357_000);
    }

    @Test
    void aPartialTransferLeavesARestAndTheLastIssuesKeysOnce() throws Exception {
        String orderId = placeOnInvoice("partial@example.com", "PROFESSIONAL", 2);
        String number = (String) invoice(orderId).get("number");

        var partial = asStaff("/api/invoices/" + number + "/transfers", transfer(number, 157_000, "BANK-1"));
        assertThat(partial.status()).as(partial.body()).isEqualTo(201);
        assertThat(partial.json())
                .containsEntry("receivedCents", 157_000)
                .containsEntry("outstandingCents", 200_000)
                .containsEntry("status", "AWAITING_PAYMENT");
        assertThat(licences(orderId)).isEmpty();

        var rest = asStaff("/api/invoices/" + number + "/transfers", transfer(number, 200_000, "BANK-2"));
        assertThat(rest.json()).containsEntry("outstandingCents", 0).containsEntry("status", "KEYS_ISSUED");
        assertThat(licences(orderId)).hasSize(1);
        assertThat(events(orderId, "TransferRecorded")).isEqualTo(2);
        assertThat(events(orderId, "PaymentSucceeded")).isEqualTo(1);
        assertThat(events(orderId, "LicencesIssued")).isEqualTo(1);
    }

    @Test
    void anOverpaymentIsShownAndATransferRecordedTwiceIsRefused() throws Exception {
        String orderId = placeOnInvoice("over@example.com", "PROFESSIONAL", 2);
        String number = (String) invoice(orderId).get("number");

        var over = asStaff("/api/invoices/" + number + "/transfers", transfer(number, 400_000, "BANK-OVER"));
        assertThat(over.json()).containsEntry("overpaidCents", 43_000).containsEntry("status", "KEYS_ISSUED");
        var twice = asStaff("/api/invoices/" + number + "/transfers", transfer(number, 400_000, "BANK-OVER"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat((String) twice.json().get("type")).endsWith(":transfer-already-recorded");
        // paid already: a further transfer is recorded as overpayment, never a second payment
        var late = asStaff("/api/invoices/" + number + "/transfers", transfer(number, 1_000, "BANK-LATE"));
        assertThat(late.json()).containsEntry("overpaidCents", 44_000);
        assertThat(events(orderId, "PaymentSucceeded")).isEqualTo(1);
        assertThat(payment(orderId)).containsEntry("overpaidCents", 44_000);
    }

    @Test
    void transfersForNoInvoiceAre404AndBadAmounts400() {
        assertThat(asStaff("/api/invoices/1999-999999/transfers", transfer("", 1_000, "BANK-X"))
                        .status())
                .isEqualTo(404);
        assertThat(asStaff("/api/invoices/not-a-number/transfers", transfer("", 1_000, "BANK-X"))
                        .status())
                .isEqualTo(404);
        String number = (String)
                invoice(placeOnInvoice("bad@example.com", "STARTER", 1)).get("number");
        var zero = asStaff("/api/invoices/" + number + "/transfers", transfer(number, 0, "BANK-0"));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.errors()).extracting(e -> e.get("field")).contains("amountCents");
    }

    @Test
    void anInvoiceOrderNeedsCompanyAndBillingAddress() {
        var missing = http.postJson(
                "/api/orders",
                Map.of(
                        "customerEmail",
                        "nocompany@example.com",
                        "items",
                        List.of(Map.of("sku", "STARTER", "quantity", 1)),
                        "paymentMethod",
                        "INVOICE"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errors()).extracting(e -> e.get("field")).contains("company", "billingAddress");
        var unknown = http.postJson(
                "/api/orders",
                Map.of(
                        "customerEmail",
                        "cash@example.com",
                        "items",
                        List.of(Map.of("sku", "STARTER", "quantity", 1)),
                        "paymentMethod",
                        "CASH"));
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void theOpsListShowsInvoicesWaitingForTheirMoney() {
        String orderId = placeOnInvoice("ops@example.com", "STARTER", 1);
        invoice(orderId);
        var list = http.getAsOps("/api/ops/payments");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.jsonList())
                .anySatisfy(p -> assertThat(p)
                        .containsEntry("orderId", orderId)
                        .containsEntry("method", "INVOICE")
                        .containsEntry("status", "AWAITING_PAYMENT"));
    }
}
