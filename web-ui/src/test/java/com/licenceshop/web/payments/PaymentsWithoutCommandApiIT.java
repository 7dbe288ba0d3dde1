package com.licenceshop.web.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The command API is down: the payments page and the pay button say so, readably, and keep what was typed. */
@WebUiIT
class PaymentsWithoutCommandApiIT extends AgainstTheTestShop {

    @Override
    public Map<String, String> getProperties() {
        return TestShop.withoutCommandApi(super.getProperties());
    }

    @Test
    void anUnrecordedTransferSaysTryAgainAndKeepsTheForm() {
        Visitor alice = shop.loggedIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD);
        Visitor.Page page = alice.get("/payments");
        assertThat(page.textOf("waiting-unavailable")).contains("does not answer");

        Visitor.Page refused = alice.submit(
                page,
                "/payments/transfers",
                Map.of("invoiceNumber", "2026-000042", "amount", "595.00", "reference", "BANK-9"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.textOf("transfer-error")).contains("does not answer", "nothing was recorded");
        assertThat(refused.body()).contains("value=\"2026-000042\"", "value=\"595.00\"", "value=\"BANK-9\"");
    }

    @Test
    void thePayButtonLeadsBackToTheOrderPageWithAMessage() {
        Visitor shopper = shop.visitor();
        String orderId = UUID.randomUUID().toString();

        Visitor.Page back =
                shopper.submit(shopper.get("/login/auth"), "/orders/" + orderId + "/checkout", Map.of("token", "t"));

        assertThat(back.status()).isEqualTo(303);
        assertThat(back.location()).isEqualTo("/orders/" + orderId + "?token=t&notice=unavailable");
    }
}
