package com.licenceshop.e2e;

import static com.licenceshop.e2e.ShopPages.buy;
import static com.licenceshop.e2e.ShopPages.logIn;
import static com.licenceshop.e2e.ShopPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Paying for licences (ADR 13, issue 23) in headless Chromium against the whole shop (PAYMENT_REQUIRED=true) and
 * the local card provider: by card (paid; declined, then paid on the second attempt), on invoice with the transfer
 * recorded by sales staff, and a refund. Every page leaves a screenshot in {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentInTheBrowserIT {

    private static final String PAYS = "4242 4242 4242 4242";
    private static final String DECLINED = "4000 0000 0000 0002";

    private ShopStack shop;

    @BeforeAll
    void startTheShop() {
        shop = ShopStack.start();
    }

    @AfterAll
    void stopTheShop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void aPayingCardGivesKeysInPageAndMailCountedAsPaid() throws Exception {
        try (Browser browser = Browser.desktop()) {
            WebDriver page = browser.driver;
            String orderId = buyByCard(page, "card-paid@example.com");
            assertThat(page.findElements(By.cssSelector("[data-testid=licence-key]")))
                    .isEmpty();
            assertThat(state(page, "step-paid")).isEqualTo("current");
            browser.screenshot("payment-waiting");

            page.findElement(By.id("pay-button")).click();
            payOnTheProvidersPage(page, PAYS);
            browser.screenshot("payment-provider-page");
            page.findElement(By.id("pay")).click();

            patiently(page).until(ExpectedConditions.urlContains("/orders/" + orderId));
            List<String> keys = keysOnThePage(page);
            assertThat(state(page, "step-paid")).isEqualTo("done");
            browser.screenshot("payment-paid-keys");

            String mail = Mails.text(theOneMail(orderId, "your licence keys"));
            assertThat(mail).contains(keys.get(0));
            awaitPaymentStatus(orderId, "KEYS_ISSUED");
        }
    }

    @Test
    void aDeclinedCardShowsOnThePageAndAnotherGivesTheKeys() throws Exception {
        try (Browser browser = Browser.desktop()) {
            WebDriver page = browser.driver;
            String orderId = buyByCard(page, "card-declined@example.com");

            page.findElement(By.id("pay-button")).click();
            payOnTheProvidersPage(page, DECLINED);
            page.findElement(By.id("pay")).click();
            patiently(page).until(ExpectedConditions.presenceOfElementLocated(By.id("card-error")));
            browser.screenshot("payment-declined-at-provider");
            page.findElement(By.id("cancel")).click();

            patiently(page).until(ExpectedConditions.urlContains("/orders/" + orderId));
            patiently(page)
                    .withMessage("the decline on the order page")
                    .until(d -> "failed".equals(state(d, "step-paid")));
            assertThat(page.findElement(By.id("order-progress")).getText()).contains("declined");
            patiently(page)
                    .until(d -> "Pay again"
                            .equals(d.findElement(By.id("pay-button")).getText().strip()));
            browser.screenshot("payment-declined-pay-again");

            page.findElement(By.id("pay-button")).click();
            payOnTheProvidersPage(page, PAYS);
            page.findElement(By.id("pay")).click();
            patiently(page).until(ExpectedConditions.urlContains("/orders/" + orderId));
            assertThat(keysOnThePage(page)).hasSize(1);
            assertThat(Mails.text(theOneMail(orderId, "your licence keys")))
                    .contains(keysOnThePage(page).get(0));
        }
    }

    @Test
    void anInvoicePaidByTransferGivesKeysAndARefundRevokesThem() throws Exception {
        String orderId;
        String orderPage;
        try (Browser browser = Browser.desktop()) {
            WebDriver page = browser.driver;
            page.get(shop.webUi().baseUrl() + "/");
            page.findElement(By.id("pay-invoice")).click();
            page.findElement(By.id("company")).sendKeys("Lovelace Analytical Ltd");
            page.findElement(By.id("billing-address")).sendKeys("1 Engine Street\n10115 Berlin");
            buy(page, "PROFESSIONAL", 2, "invoice@example.com");
            patiently(page).until(ExpectedConditions.urlContains("/orders/"));
            orderId = patiently(page)
                    .until(d -> d.findElement(By.id("order-id")).getText().strip());
            orderPage = page.getCurrentUrl();
            patiently(page)
                    .withMessage("the invoice named on the order page")
                    .until(d -> d.findElement(By.id("order-progress")).getText().contains("invoice 20"));
            assertThat(page.findElements(By.id("pay-button"))).isEmpty();
            browser.screenshot("payment-invoice-waiting");
        }

        String invoice = Mails.text(theOneMail(orderId, "invoice"));
        String number = find(invoice, "Invoice number: (\\d{4}-\\d{6})");
        String gross = find(invoice, "Total due: ([0-9,.]+) EUR");
        assertThat(invoice).contains("Lovelace Analytical Ltd", "VAT 19 %", "Due date:");

        try (Browser staff = Browser.desktop()) {
            WebDriver page = staff.driver;
            logIn(page, shop.webUi().baseUrl(), ShopStack.SALES_STAFF, shop.staffPassword, "/payments");
            patiently(page).until(ExpectedConditions.presenceOfElementLocated(By.id("transfer-form")));
            page.findElement(By.id("invoice-number")).sendKeys(number);
            page.findElement(By.id("amount")).sendKeys("1.00");
            page.findElement(By.id("reference")).sendKeys("BANK-" + orderId.substring(0, 8) + "-1");
            page.findElement(By.id("record-transfer-button")).click();
            awaitText(page, "payments-notice", "still outstanding");
            staff.screenshot("payment-transfer-partial");

            long restCents = cents(gross) - 100;
            page.findElement(By.id("invoice-number")).sendKeys(number);
            page.findElement(By.id("amount")).sendKeys(restCents / 100 + "." + String.format("%02d", restCents % 100));
            page.findElement(By.id("reference")).sendKeys("BANK-" + orderId.substring(0, 8) + "-2");
            page.findElement(By.id("record-transfer-button")).click();
            awaitText(page, "payments-notice", "The invoice is paid");
            staff.screenshot("payment-transfer-paid");

            try (Browser shopper = Browser.desktop()) {
                shopper.driver.get(orderPage);
                assertThat(keysOnThePage(shopper.driver)).hasSize(1);
            }
            theOneMail(orderId, "your licence keys");

            page.get(shop.webUi().baseUrl() + "/payments");
            page.findElement(By.id("refund-order-id")).sendKeys(orderId);
            page.findElement(By.id("refund-button")).click();
            patiently(page).until(ExpectedConditions.presenceOfElementLocated(By.id("refund-question")));
            staff.screenshot("payment-refund-confirm");
            page.findElement(By.id("confirm-refund-button")).click();
            awaitText(page, "payments-notice", orderId);

            page.get(shop.webUi().baseUrl() + "/payments/refund?orderId=" + orderId);
            page.findElement(By.id("confirm-refund-button")).click();
            awaitText(page, "refund-error", "refund");
        }

        assertThat(Mails.text(theOneMail(orderId, "refunded"))).contains("licence keys are revoked");
        try (Browser shopper = Browser.desktop()) {
            shopper.driver.get(orderPage);
            patiently(shopper.driver)
                    .until(d -> d.findElement(By.id("licence-keys-revoked"))
                            .getText()
                            .contains("refunded"));
            shopper.screenshot("payment-refunded");
        }
        awaitPaymentStatus(orderId, "REFUNDED");
    }

    /** Buys one Professional licence by card; the order page, its id. */
    private String buyByCard(WebDriver page, String email) {
        page.get(shop.webUi().baseUrl() + "/");
        buy(page, "PROFESSIONAL", 1, email);
        patiently(page).until(ExpectedConditions.urlContains("/orders/"));
        String orderId = patiently(page)
                .until(d -> d.findElement(By.id("order-id")).getText().strip());
        patiently(page).until(d -> d.findElement(By.id("pay-button")).isDisplayed());
        return orderId;
    }

    private void payOnTheProvidersPage(WebDriver page, String card) {
        ShopPages.fillInTheCard(page, shop.paymentProviderUrl(), card);
    }

    private static List<String> keysOnThePage(WebDriver page) {
        return patiently(page).withMessage("licence keys on the page").until(d -> {
            List<String> shown = d.findElements(By.cssSelector("[data-testid=licence-key]")).stream()
                    .map(e -> e.getText().strip())
                    .filter(text -> !text.isEmpty())
                    .toList();
            return shown.isEmpty() ? null : shown;
        });
    }

    /** Waits until the element says {@code expected}: the page after a form's post may still be the one before. */
    private static void awaitText(WebDriver page, String id, String expected) {
        patiently(page)
                .withMessage(() -> id + " to say " + expected)
                .until(d -> d.findElement(By.id(id)).getText().contains(expected));
    }

    private static String state(WebDriver page, String id) {
        return page.findElement(By.id(id)).getAttribute("data-state");
    }

    /** The one mail about the order whose subject contains {@code subject}: exactly one, however often events came. */
    private jakarta.mail.internet.MimeMessage theOneMail(String orderId, String subject) {
        org.awaitility.Awaitility.await("the '" + subject + "' mail of " + orderId)
                .atMost(ShopPages.PATIENCE)
                .until(() -> !mails(orderId, subject).isEmpty());
        List<jakarta.mail.internet.MimeMessage> mails = mails(orderId, subject);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private List<jakarta.mail.internet.MimeMessage> mails(String orderId, String subject) {
        return List.of(shop.smtp.getReceivedMessages()).stream()
                .filter(mail -> Mails.text(mail).contains(orderId))
                .filter(mail -> {
                    try {
                        return mail.getSubject().contains(subject);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** The projector's payment status of the order (sales.order_status), once it got there. */
    private void awaitPaymentStatus(String orderId, String status) {
        org.awaitility.Awaitility.await("payment status " + status)
                .atMost(ShopPages.PATIENCE)
                .until(() -> {
                    try (var db = shop.connect();
                            var select = db.prepareStatement(
                                    "SELECT payment_status FROM sales.order_status WHERE order_id = ?::uuid")) {
                        select.setString(1, orderId);
                        try (var row = select.executeQuery()) {
                            return row.next() && status.equals(row.getString(1));
                        }
                    }
                });
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in:\n%s", regex, text).isTrue();
        return matcher.group(1);
    }

    /** "2,975.00" → 297500. */
    private static long cents(String amount) {
        return Long.parseLong(amount.replace(",", "").replace(".", ""));
    }
}
