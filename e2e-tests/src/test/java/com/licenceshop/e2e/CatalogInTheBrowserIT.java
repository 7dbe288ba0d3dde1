package com.licenceshop.e2e;

import static com.licenceshop.e2e.ShopPages.buy;
import static com.licenceshop.e2e.ShopPages.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 13 in headless Chromium against the whole shop: sales staff run the price list from the catalog page
 * (their login goes with each change from the web UI to the command API), and shoppers, the dashboard and the
 * command API follow it. A stack of its own: the other browser tests count the three seeded licences.
 */
class CatalogInTheBrowserIT extends AgainstTheWholeShop {

    private static final String SKU = "TEAM_TEN";
    private static final By NEW_LICENCE_CARD = By.cssSelector("[data-testid=licence][data-sku=" + SKU + "]");

    @Test
    void aLicenceStaffAddIsBoughtListedAndGoneOnceRetired() {
        try (Browser staff = Browser.desktop();
                Browser shopper = Browser.desktop()) {
            WebDriver catalog = staff.driver;
            ShopPages.logIn(catalog, webUi(), ShopStack.SALES_STAFF, shop.staffPassword, "/catalog");
            patiently(catalog).until(ExpectedConditions.presenceOfElementLocated(By.id("add-form")));
            type(catalog, "sku", SKU);
            type(catalog, "name", "Team of ten");
            catalog.findElement(By.id("description")).sendKeys("Ten seats, mail support");
            type(catalog, "price", "2,500.00");
            type(catalog, "currency", "EUR");
            catalog.findElement(By.id("add-button")).click();

            patiently(catalog)
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.id("notice"), SKU + " is on sale now"));
            assertThat(catalogRow(catalog).getText()).contains("Team of ten", "2,500.00 EUR", "On sale");
            staff.screenshot("catalog-licence-added");

            WebDriver storefront = shopper.driver;
            storefront.get(webUi() + "/");
            assertThat(storefront.findElement(NEW_LICENCE_CARD).getText()).contains("Team of ten", "2,500.00 EUR");
            buy(storefront, SKU, 2, "katherine@example.com");
            patiently(storefront).until(ExpectedConditions.urlContains("/orders/"));
            String total = patiently(storefront)
                    .until(d -> d.findElement(By.id("order-total")).getText());
            assertThat(total).isEqualTo("5,000.00 EUR");
            patiently(storefront)
                    .until(d ->
                            "done".equals(d.findElement(By.id("step-counted")).getAttribute("data-state")));
            shopper.screenshot("order-of-a-new-licence");

            catalog.get(webUi() + "/sales");
            By dashboardRow = By.cssSelector("[data-testid=licence-row][data-sku=" + SKU + "]");
            // the row is re-rendered by each live update: read it inside the wait, never keep the element
            String row = patiently(catalog).until(d -> {
                String text = d.findElement(dashboardRow).getText();
                return text.contains("Team of ten") && text.contains("5,000.00 EUR") ? text : null;
            });
            assertThat(row).contains("Team of ten", "5,000.00 EUR");
            staff.screenshot("dashboard-lists-the-new-licence");

            // two staff edit at once: the second save finds the licence changed, keeps it, and shows the current values
            catalog.get(webUi() + "/catalog/" + SKU + "/edit");
            try (Browser colleague = Browser.desktop()) {
                ShopPages.logIn(
                        colleague.driver,
                        webUi(),
                        ShopStack.OPS_STAFF,
                        shop.staffPassword,
                        "/catalog/" + SKU + "/edit");
                patiently(colleague.driver).until(ExpectedConditions.presenceOfElementLocated(By.id("edit-form")));
                type(colleague.driver, "price", "2,400.00");
                colleague.driver.findElement(By.id("save-button")).click();
                patiently(colleague.driver)
                        .until(ExpectedConditions.textToBePresentInElementLocated(
                                By.id("notice"), SKU + " is changed"));
            }
            type(catalog, "name", "Team of ten (mine)");
            catalog.findElement(By.id("save-button")).click();
            patiently(catalog).until(ExpectedConditions.visibilityOfElementLocated(By.id("stale-warning")));
            assertThat(catalog.findElement(By.id("name")).getAttribute("value")).isEqualTo("Team of ten");
            assertThat(catalog.findElement(By.id("price")).getAttribute("value"))
                    .isEqualTo("2400.00");
            assertThat(catalog.findElement(By.id("your-name")).getText()).isEqualTo("Team of ten (mine)");
            staff.screenshot("catalog-stale-edit");
            type(catalog, "price", "2,450.00");
            catalog.findElement(By.id("save-button")).click();
            patiently(catalog)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), SKU + " is changed"));
            assertThat(catalogRow(catalog).getText()).contains("Team of ten", "2,450.00 EUR");
            storefront.get(webUi() + "/");
            assertThat(storefront.findElement(NEW_LICENCE_CARD).getText()).contains("2,450.00 EUR");

            catalog.findElement(By.id("retire-" + SKU)).click();
            patiently(catalog).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-retire-button")));
            assertThat(catalog.findElement(By.id("retire-question")).getText()).contains(SKU, "Team of ten");
            staff.screenshot("catalog-retire-confirmation");
            catalog.findElement(By.id("confirm-retire-button")).click();

            patiently(catalog)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), SKU + " is retired"));
            assertThat(catalogRow(catalog).getText()).contains("Retired");
            staff.screenshot("catalog-licence-retired");

            // "every web-ui instance shows a change within a second": nothing in the web UI holds the catalog
            storefront.get(webUi() + "/");
            patiently(storefront, Duration.ofSeconds(1))
                    .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-testid=licence]"), 3));
            assertThat(storefront.findElements(NEW_LICENCE_CARD)).isEmpty();
            shopper.screenshot("shop-after-retire");
        }
        var order = TestHttp.post(
                shop.commandApi().baseUrl() + "/api/orders",
                Map.of("customerEmail", "late@example.com", "items", List.of(Map.of("sku", SKU, "quantity", 1))));
        assertThat(order.status()).as(order.body()).isEqualTo(422);
    }

    private String webUi() {
        return shop.webUi().baseUrl();
    }

    private static WebElement catalogRow(WebDriver page) {
        return page.findElement(By.cssSelector("[data-testid=product-row][data-sku=" + SKU + "]"));
    }

    private static void type(WebDriver page, String id, String text) {
        WebElement field = page.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
