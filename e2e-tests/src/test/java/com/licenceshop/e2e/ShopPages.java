package com.licenceshop.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a person does on the web UI's pages, step by step, by the element ids of the web-ui README. */
final class ShopPages {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private ShopPages() {}

    /** Picks the licence, types quantity and email, presses Buy. */
    static void buy(WebDriver page, String sku, int quantity, String email) {
        page.findElement(By.id("sku-" + sku)).click();
        WebElement quantityField = page.findElement(By.id("quantity"));
        quantityField.clear();
        quantityField.sendKeys(String.valueOf(quantity));
        page.findElement(By.id("email")).sendKeys(email);
        page.findElement(By.id("buy-button")).click();
    }

    /**
     * On the order page: Pay by card, the card typed on the provider's hosted page, Pay, and back to the order page
     * (ADR 13). The keys follow once the provider's webhook reached the shop.
     */
    static void payByCard(WebDriver page, String providerUrl, String card) {
        patiently(page).until(d -> d.findElement(By.id("pay-button")).isDisplayed());
        page.findElement(By.id("pay-button")).click();
        fillInTheCard(page, providerUrl, card);
        page.findElement(By.id("pay")).click();
        patiently(page).until(ExpectedConditions.urlContains("/orders/"));
    }

    /** On the provider's hosted checkout page: types the card; pressing Pay is the caller's. */
    static void fillInTheCard(WebDriver page, String providerUrl, String card) {
        patiently(page).until(ExpectedConditions.urlContains(providerUrl + "/c/pay/"));
        page.findElement(By.id("card_number")).sendKeys(card);
        page.findElement(By.id("card_expiry")).sendKeys("12 / 34");
        page.findElement(By.id("card_cvc")).sendKeys("123");
    }

    /** Opens a staff page, which sends the browser to the login form, and logs in there. */
    static void logIn(WebDriver page, String baseUrl, String username, String password, String target) {
        page.get(baseUrl + target);
        patiently(page).until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        page.findElement(By.id("username")).sendKeys(username);
        page.findElement(By.id("password")).sendKeys(password);
        page.findElement(By.id("login-button")).click();
    }

    /** Live pages replace their fragments when an update is pushed: look elements up afresh on each poll. */
    static WebDriverWait patiently(WebDriver page) {
        return patiently(page, PATIENCE);
    }

    static WebDriverWait patiently(WebDriver page, Duration patience) {
        var wait = new WebDriverWait(page, patience);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
