package com.licenceshop.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the machine's packages (Debian's chromium and chromium-driver), driven by Selenium.
 * Screenshots go to {@code target/screenshots/} for a reviewer to look at.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    static Browser open(int width, int height) {
        String chromium =
                firstExisting(System.getenv("CHROMIUM_BINARY"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        String chromedriver = firstExisting(System.getenv("CHROMEDRIVER_BINARY"), "/usr/bin/chromedriver");
        if (chromium == null || chromedriver == null) {
            throw new IllegalStateException("""
                    No headless Chromium for the browser tests. Install Debian's packages:
                        apt-get install -y chromium chromium-driver
                    or name them with CHROMIUM_BINARY and CHROMEDRIVER_BINARY.""");
        }
        var options = new ChromeOptions();
        options.setBinary(chromium);
        // the flags this machine's closed network needs (see the env notes): no sandbox as root, no phoning home
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=" + width + "," + height);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    static Browser desktop() {
        return open(1280, 900);
    }

    static Browser phone() {
        return open(390, 844);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String firstExisting(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
