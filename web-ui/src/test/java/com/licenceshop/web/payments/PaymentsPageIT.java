package com.licenceshop.web.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.StaffTokens;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sales staff's payments page (ADR 13) against command-api's contract as the stub plays it. */
@WebUiIT
class PaymentsPageIT extends AgainstTheTestShop {

    @Inject
    StubCommandApi commandApi;

    @Test
    void aPartialTransferShowsWhatIsOutstandingAndTheRestPaysIt() throws Exception {
        commandApi.invoices.put("2026-000101", new long[] {59_500, 0});
        Visitor alice = salesStaff();
        int before = commandApi.paymentAuthorizations.size();

        Visitor.Page partial = alice.submit(
                alice.get("/payments"),
                "/payments/transfers",
                Map.of("invoiceNumber", "2026-000101", "amount", "200,00", "reference", "BANK-1"));

        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.textOf("payments-notice"))
                .isEqualTo(
                        "Transfer recorded for invoice 2026-000101: 200.00 EUR of 595.00 EUR received, 395.00 EUR still outstanding.");
        Visitor.Page paid = alice.submit(
                partial,
                "/payments/transfers",
                Map.of("invoiceNumber", "2026-000101", "amount", "395", "reference", "BANK-2"));
        assertThat(paid.textOf("payments-notice")).contains("595.00 EUR of 595.00 EUR received", "The invoice is paid");
        // each call carries a token web-ui mints for command-api on behalf of the logged-in staff member (ADR 0008)
        List<String> sent = commandApi.paymentAuthorizations.subList(before, commandApi.paymentAuthorizations.size());
        assertThat(sent).hasSize(2);
        for (String authorization : sent) {
            assertThat(authorization)
                    .startsWith("Bearer ")
                    .isNotEqualTo("Bearer " + alice.cookies().get("JWT"));
            JWTClaimsSet claims = StaffTokens.verifiedClaims(authorization.substring("Bearer ".length()));
            assertThat(claims.getSubject())
                    .isEqualTo(StaffTokens.verifiedClaims(alice.cookies().get("JWT"))
                            .getSubject());
            assertThat(claims.getAudience()).containsExactly("command-api");
            assertThat(claims.getStringListClaim("roles")).contains("SALES");
        }
    }

    @Test
    void anOverpaymentIsShownAsToBeSentBack() {
        commandApi.invoices.put("2026-000102", new long[] {59_500, 0});
        Visitor alice = salesStaff();

        Visitor.Page over = alice.submit(
                alice.get("/payments"),
                "/payments/transfers",
                Map.of("invoiceNumber", "2026-000102", "amount", "600.00", "reference", "BANK-3"));

        assertThat(over.body()).contains("data-kind=\"overpaid\"");
        assertThat(over.textOf("payments-notice")).contains("overpaid by 5.00 EUR (to be sent back)");
    }

    @Test
    void aRepeatedTransferAndAnUnknownInvoiceAreRefusedWithReasons() {
        commandApi.invoices.put("2026-000103", new long[] {59_500, 0});
        Visitor alice = salesStaff();
        Map<String, String> transfer = Map.of("invoiceNumber", "2026-000103", "amount", "100", "reference", "BANK-4");
        alice.submit(alice.get("/payments"), "/payments/transfers", transfer);

        Visitor.Page twice = alice.submit(alice.get("/payments"), "/payments/transfers", transfer);
        Visitor.Page unknown = alice.submit(
                alice.get("/payments"),
                "/payments/transfers",
                Map.of("invoiceNumber", "2026-999999", "amount", "100", "reference", "BANK-5"));

        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.textOf("transfer-error")).contains("BANK-4 is recorded already");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.textOf("invoice-number-error")).isEqualTo("There is no invoice 2026-999999.");
    }

    @Test
    void aBadAmountOrInvoiceNumberNeverReachesTheCommandApi() {
        Visitor alice = salesStaff();
        int before = commandApi.paymentAuthorizations.size();

        Visitor.Page refused = alice.submit(
                alice.get("/payments"),
                "/payments/transfers",
                Map.of("invoiceNumber", "42", "amount", "lots", "reference", ""));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.textOf("invoice-number-error")).contains("2026-000042");
        assertThat(refused.textOf("amount-error")).contains("595.00");
        assertThat(refused.body()).contains("value=\"lots\"");
        assertThat(commandApi.paymentAuthorizations).hasSize(before);
    }

    @Test
    void aRefundIsConfirmedThenRecordedAndASecondRefusedReadably() {
        String orderId = UUID.randomUUID().toString();
        commandApi.paidOrders.add(orderId);
        Visitor alice = salesStaff();

        Visitor.Page confirm = alice.get("/payments/refund?orderId=" + orderId);
        assertThat(confirm.body())
                .contains("<code>" + orderId + "</code>", "licence keys are revoked", "This cannot be undone.");
        assertThat(commandApi.refunded).doesNotContain(orderId);

        Visitor.Page done = alice.submit(confirm, "/payments/refund", Map.of("orderId", orderId));
        assertThat(done.textOf("payments-notice")).contains("refund of order " + orderId + " is on its way");
        Visitor.Page again = alice.submit(
                alice.get("/payments/refund?orderId=" + orderId), "/payments/refund", Map.of("orderId", orderId));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.textOf("refund-error")).isEqualTo("Order " + orderId + " is refunded already.");
    }

    @Test
    void anUnpaidOrderIsNotRefundedAndTheReasonIsShown() {
        String orderId = UUID.randomUUID().toString();
        Visitor alice = salesStaff();

        Visitor.Page refused = alice.submit(
                alice.get("/payments/refund?orderId=" + orderId), "/payments/refund", Map.of("orderId", orderId));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.textOf("refund-error")).contains("is not paid");
    }

    @Test
    void aRefundWithoutAValidCsrfTokenIsRefusedRefundingNothing() {
        String orderId = UUID.randomUUID().toString();
        commandApi.paidOrders.add(orderId);

        Visitor.Page refused = salesStaff().postForm("/payments/refund", Map.of("orderId", orderId));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(commandApi.refunded).doesNotContain(orderId);
    }

    @Test
    void overdueInvoicesAreListedFirstAsOverdue() {
        String orderId = UUID.randomUUID().toString();
        commandApi.waiting.add(Map.of(
                "orderId",
                orderId,
                "method",
                "INVOICE",
                "status",
                "AWAITING_PAYMENT",
                "since",
                "2026-11-20T10:00:00Z",
                "invoiceNumber",
                "2026-000104",
                "dueDate",
                "2026-12-04",
                "overdue",
                true));

        Visitor.Page page = salesStaff().get("/payments");

        assertThat(page.count("waiting-payment")).isGreaterThanOrEqualTo(1);
        assertThat(page.body()).contains("<code>" + orderId + "</code>", "<strong>overdue</strong>", "2026-000104");
    }

    @Test
    void staffWithoutTheSalesRoleMayNotUseIt() {
        Visitor bob = shop.loggedIn(TestShop.OPS_USER, TestShop.OPS_PASSWORD);

        assertThat(bob.get("/payments").status()).isEqualTo(403);
        assertThat(shop.visitor().get("/payments").status()).isIn(303, 401);
    }

    private Visitor salesStaff() {
        return shop.loggedIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD);
    }
}
