package com.licenceshop.e2e;

import static com.licenceshop.e2e.ShopPages.buy;
import static com.licenceshop.e2e.ShopPages.payByCard;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What shoppers, sales staff and ops see, in headless Chromium against the whole shop; a shopper pays by card on the
 * local provider's page before the keys exist (ADR 13). Every page leaves a screenshot in {@code target/screenshots/}.
 */
class ShopInTheBrowserIT extends AgainstTheWholeShop {

    @Test
    void aShopperBuysPaysAndWatchesTheOrderReachMailSent() {
        try (Browser browser = Browser.desktop()) {
            WebDriver page = browser.driver;
            page.get(shop.webUi().baseUrl() + "/");
            assertThat(page.findElements(By.cssSelector("[data-testid=licence]")))
                    .hasSize(3);
            browser.screenshot("shop-desktop");

            buy(page, "PROFESSIONAL", 2, "hedy@example.com");
            wait(page).until(ExpectedConditions.urlContains("/orders/"));
            String orderId = wait(page)
                    .until(d -> d.findElement(By.id("order-id")).getText().strip());
            payByCard(page, shop.paymentProviderUrl(), CardPayment.PAYS);
            wait(page)
                    .withMessage(() -> "order page of " + orderId + " still shows: " + progressShown(browser))
                    .until(d -> "done"
                                    .equals(d.findElement(By.id("step-mailed")).getAttribute("data-state"))
                            && "done"
                                    .equals(d.findElement(By.id("step-counted")).getAttribute("data-state")));
            browser.screenshot("order-mail-sent");

            assertThat(List.of(shop.smtp.getReceivedMessages()))
                    .filteredOn(mail -> Mails.text(mail).contains(orderId))
                    .hasSize(1);
        }
    }

    @Test
    void threeSeatsGiveKeysThatVerifyOfflineAndSurviveReplayAndCancel() throws Exception {
        List<String> pageKeys;
        String orderId;
        String orderToken;
        try (Browser browser = Browser.desktop()) {
            WebDriver page = browser.driver;
            page.get(shop.webUi().baseUrl() + "/");
            buy(page, "PROFESSIONAL", 3, "keys@example.com");
            wait(page).until(ExpectedConditions.urlContains("/orders/"));
            orderId = wait(page)
                    .until(d -> d.findElement(By.id("order-id")).getText().strip());
            // the shop's redirect carries the order's access token; the mail's link the same one
            orderToken = page.getCurrentUrl().replaceFirst(".*[?&]token=([^&]+).*", "$1");
            assertThat(orderToken).matches("[A-Za-z0-9_-]{43}");
            payByCard(page, shop.paymentProviderUrl(), CardPayment.PAYS);
            pageKeys = wait(page).until(d -> {
                List<String> shown = d.findElements(By.cssSelector("[data-testid=licence-key]")).stream()
                        .map(e -> e.getText().strip())
                        .toList();
                return shown.isEmpty() ? null : shown;
            });
            assertThat(page.findElement(By.id("order-total-label")).getText()).isEqualTo("Total for 3 licences");
            assertThat(page.findElements(By.cssSelector("[data-testid=copy-licence-key]")))
                    .hasSize(1);
            browser.screenshot("order-licence-keys");
        }
        assertThat(pageKeys).hasSize(1);
        String key = pageKeys.get(0);

        jakarta.mail.internet.MimeMessage mail = theOneMailAbout(orderId);
        assertThat(part(mail, "text/plain")).contains("Total for 3 licences").contains("3 seats:\n" + key + "\n");
        assertThat(part(mail, "text/html")).contains(">" + key + "</pre>");

        Map<String, Object> published = TestHttp.get(shop.commandApi().baseUrl() + "/api/licences/public-key")
                .json();
        String claims = com.licenceshop.testsupport.OfflineLicenceCheck.verifiedClaims(
                key, (String) published.get("keyId"), (String) published.get("publicKey"));
        assertThat(claims)
                .contains("\"sku\":\"PROFESSIONAL\"")
                .contains("\"licenceId\":\"")
                .doesNotContain(orderId)
                .contains("\"seats\":3");
        assertThat(com.licenceshop.testsupport.OfflineLicenceCheck.verifiedClaims(
                        key.substring(0, key.length() - 2) + (key.endsWith("AA") ? "BA" : "AA"),
                        (String) published.get("keyId"),
                        (String) published.get("publicKey")))
                .isNull();

        // the keys mail goes out on LicencesIssued (the payment's event): that is the one replayed
        long issuedSequence;
        try (var connection = shop.connect();
                var query = connection.prepareStatement(
                        "SELECT sequence FROM commands.events WHERE aggregate_id = ? AND type = 'LicencesIssued'")) {
            query.setString(1, orderId);
            try (var row = query.executeQuery()) {
                assertThat(row.next()).as("LicencesIssued of " + orderId).isTrue();
                issuedSequence = row.getLong(1);
            }
        }
        var replayed = TestHttp.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(shop.commandApi().baseUrl() + "/api/ops/replay"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestHttp.basic(ShopStack.OPS_USERNAME, shop.opsPassword))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.write(Map.of(
                        "consumer", "notification-service", "after", issuedSequence - 1, "upTo", issuedSequence)))));
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        // a later order's mail: the replayed event, ahead of it on the same queue, has been handled by then
        var later = TestHttp.post(
                shop.commandApi().baseUrl() + "/api/orders",
                Map.of(
                        "customerEmail",
                        "later@example.com",
                        "items",
                        List.of(Map.of("sku", "STARTER", "quantity", 1))));
        CardPayment.payOrFail(shop.commandApi().baseUrl(), (String) later.json().get("orderId"), (String)
                later.json().get("orderToken"));
        theOneMailAbout((String) later.json().get("orderId"));
        theOneMailAbout(orderId);
        @SuppressWarnings("unchecked")
        var keysNow = (List<Map<String, Object>>)
                TestHttp.getWithToken(shop.commandApi().baseUrl() + "/api/orders/" + orderId, orderToken)
                        .json()
                        .get("licences");
        assertThat(keysNow).extracting(k -> k.get("key")).containsExactly(key);

        assertThat(TestHttp.post(shop.commandApi().baseUrl() + "/api/orders/" + orderId + "/cancel", Map.of())
                        .status())
                .as("the order id alone cancels nothing")
                .isEqualTo(404);
        var cancel =
                TestHttp.postWithToken(shop.commandApi().baseUrl() + "/api/orders/" + orderId + "/cancel", orderToken);
        assertThat(cancel.status())
                .as("a paid order is refunded by sales staff, not cancelled by its buyer")
                .isEqualTo(409);
        assertThat((String) cancel.json().get("type")).endsWith(":order-paid");
        Map<String, Object> verdict = TestHttp.post(
                        shop.commandApi().baseUrl() + "/api/licences/verify", Map.of("key", key))
                .json();
        assertThat(verdict)
                .containsEntry("genuine", true)
                .containsEntry("revoked", false)
                .containsEntry("valid", true);
    }

    private jakarta.mail.internet.MimeMessage theOneMailAbout(String orderId) {
        org.awaitility.Awaitility.await("the mail of " + orderId)
                .atMost(ShopPages.PATIENCE)
                .until(() -> List.of(shop.smtp.getReceivedMessages()).stream()
                        .anyMatch(mail -> Mails.text(mail).contains(orderId)));
        List<jakarta.mail.internet.MimeMessage> mails = List.of(shop.smtp.getReceivedMessages()).stream()
                .filter(mail -> Mails.text(mail).contains(orderId))
                .toList();
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static String part(jakarta.mail.internet.MimeMessage mail, String mimeType) throws Exception {
        var multipart = (jakarta.mail.Multipart) mail.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType(mimeType)) {
                // SMTP carries CRLF line ends
                return ((String) multipart.getBodyPart(i).getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + mimeType + " part");
    }

    @Test
    void theSalesDashboardUpdatesLiveAfterAPurchaseInAnotherWindow() {
        try (Browser staff = Browser.desktop();
                Browser shopper = Browser.desktop()) {
            WebDriver dashboard = staff.driver;
            logIn(dashboard, ShopStack.SALES_STAFF, shop.staffPassword, "/sales");
            wait(dashboard).until(ExpectedConditions.textToBe(By.id("live-text"), "live"));
            long ordersBefore = wait(dashboard)
                    .until(d -> number(d.findElement(By.id("figure-orders")).getText()));
            // a marker that a reload would wipe: the figures must change in this very page
            ((JavascriptExecutor) dashboard).executeScript("window.notReloaded = true;");

            shopper.driver.get(shop.webUi().baseUrl() + "/");
            buy(shopper.driver, "ENTERPRISE", 1, "margaret@example.com");
            wait(shopper.driver).until(ExpectedConditions.urlContains("/orders/"));

            wait(dashboard)
                    .until(d -> number(d.findElement(By.id("figure-orders")).getText()) == ordersBefore + 1);
            assertThat(((JavascriptExecutor) dashboard).executeScript("return window.notReloaded === true;"))
                    .isEqualTo(true);
            staff.screenshot("sales-dashboard-desktop");
        }
        try (Browser phone = Browser.phone()) {
            logIn(phone.driver, ShopStack.SALES_STAFF, shop.staffPassword, "/sales");
            phone.screenshot("sales-dashboard-phone");
            phone.driver.get(shop.webUi().baseUrl() + "/");
            phone.screenshot("shop-phone");
        }
    }

    @Test
    void staffPagesSendAnonymousVisitorsToTheLoginPage() {
        try (Browser browser = Browser.desktop()) {
            for (String staffPage : List.of("/sales", "/ops")) {
                browser.driver.get(shop.webUi().baseUrl() + staffPage);
                wait(browser.driver).until(ExpectedConditions.urlContains("/login"));
                assertThat(browser.driver.findElement(By.id("login-button")).isDisplayed())
                        .isTrue();
            }
            browser.screenshot("login");
        }
    }

    @Test
    void aWrongPasswordIsRejected() {
        try (Browser browser = Browser.desktop()) {
            logIn(browser.driver, ShopStack.SALES_STAFF, "not-the-password", "/sales");
            wait(browser.driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
            assertThat(browser.driver.getCurrentUrl()).contains("/login");
            browser.screenshot("login-rejected");
            browser.driver.get(shop.webUi().baseUrl() + "/sales");
            wait(browser.driver).until(ExpectedConditions.urlContains("/login"));
        }
    }

    @Test
    void opsRebuildsTheProjectionFromTheConsoleAndWatchesItFinish() {
        for (int i = 0; i < 5; i++) {
            var response = TestHttp.post(
                    shop.commandApi().baseUrl() + "/api/orders",
                    Map.of(
                            "customerEmail",
                            "rebuild" + i + "@example.com",
                            "items",
                            List.of(Map.of("sku", "STARTER", "quantity", 1))));
            assertThat(response.status()).isEqualTo(202);
        }
        try (Browser browser = Browser.desktop()) {
            WebDriver console = browser.driver;
            logIn(console, ShopStack.OPS_STAFF, shop.staffPassword, "/ops");
            wait(console).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=queue-row]")));
            browser.screenshot("ops-console");

            console.findElement(By.id("rebuild-button")).click();
            Alert confirm = wait(console).until(ExpectedConditions.alertIsPresent());
            confirm.accept();

            wait(console)
                    .until(d -> "100"
                                    .equals(d.findElement(By.id("rebuild-progress"))
                                            .getAttribute("value"))
                            && "false"
                                    .equals(d.findElement(By.id("rebuild-panel"))
                                            .getAttribute("data-running")));
            assertThat(console.findElements(By.id("rebuild-error"))).isEmpty();
            browser.screenshot("ops-rebuild-finished");
        }
    }

    private void logIn(WebDriver page, String username, String password, String target) {
        ShopPages.logIn(page, shop.webUi().baseUrl(), username, password, target);
    }

    private static WebDriverWait wait(WebDriver page) {
        return ShopPages.patiently(page);
    }

    /** What a failed wait on the order page saw: the steps, the live indicator, and a screenshot of it. */
    private static String progressShown(Browser browser) {
        browser.screenshot("order-progress-timed-out");
        WebDriver page = browser.driver;
        StringBuilder shown = new StringBuilder();
        for (String step : List.of("step-counted", "step-mailed")) {
            var found = page.findElements(By.id(step));
            shown.append(step)
                    .append('=')
                    .append(found.isEmpty() ? "missing" : found.get(0).getAttribute("data-state"))
                    .append(' ');
        }
        var live = page.findElements(By.id("live-text"));
        return shown.append("live-text='")
                .append(live.isEmpty() ? "missing" : live.get(0).getText())
                .append('\'')
                .toString();
    }

    private static long number(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
