package com.licenceshop.web.errors;

import static com.licenceshop.web.support.TestShop.OPS_PASSWORD;
import static com.licenceshop.web.support.TestShop.OPS_USER;
import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.licenceshop.testsupport.TestServers;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With its database unreachable the web UI fails the pages that read it, and says so without telling anyone
 * what broke inside: the detail is logged under the reference the page shows.
 */
@WebUiIT
class InternalErrorsIT extends AgainstTheTestShop {

    /** Words that only internals would bring into a page: exception, pool, driver and package names. */
    private static final List<String> INTERNALS = List.of(
            "Exception",
            "exception",
            "Hikari",
            "SQL",
            "postgresql",
            "jdbc",
            "com.licenceshop",
            "java.",
            "io.micronaut",
            "Connection",
            "refused",
            "cannot read",
            "SensitiveEndpointRule");

    private static final Pattern REFERENCE = Pattern.compile("[0-9a-f]{12}");

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        // nothing listens there: every read of the sales and notifications views fails
        properties.put("datasources.default.url", "jdbc:postgresql://localhost:" + TestServers.freePort() + "/gone");
        properties.put("datasources.default.connection-timeout", "500");
        return properties;
    }

    @BeforeEach
    void captureErrors() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(InternalErrors.class)).addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(InternalErrors.class)).detachAppender(logged);
    }

    @Test
    void aShopperSeesAReferenceAndTheLogHasTheDetail() {
        Visitor shopper = shop.visitor();
        Visitor.Page placed = shopper.submit(
                shopper.get("/"),
                "/orders",
                Map.of(
                        "customerEmail",
                        "ada@example.com",
                        "sku",
                        "STARTER",
                        "quantity",
                        "1",
                        "idempotencyKey",
                        "key-errors"));

        Visitor.Page order = shopper.get(placed.location());

        assertThat(order.status()).isEqualTo(500);
        assertThat(order.body()).doesNotContain(INTERNALS).contains("Something went wrong on our side");
        String reference = order.textOf("error-reference");
        assertThat(reference).matches(REFERENCE);
        assertThat(loggedFor(reference).getThrowableProxy()).isNotNull();
    }

    @Test
    void staffPagesFailTheSameWay() {
        Visitor.Page dashboard = shop.loggedIn(SALES_USER, SALES_PASSWORD).get("/sales");

        assertThat(dashboard.status()).isEqualTo(500);
        assertThat(dashboard.body()).doesNotContain(INTERNALS);
        assertThat(loggedFor(dashboard.textOf("error-reference"))).isNotNull();
    }

    @Test
    void jsonClientsGetAProblemWithOnlyTheReference() {
        Visitor.Page summary =
                shop.visitor().withBasicAuth(SALES_USER, SALES_PASSWORD).getJson("/api/sales/summary");

        assertThat(summary.status()).isEqualTo(500);
        assertThat(summary.header("content-type")).startsWith("application/problem+json");
        assertThat(summary.body()).doesNotContain(INTERNALS);
        Matcher reference = Pattern.compile("\"reference\":\"([0-9a-f]{12})\"").matcher(summary.body());
        assertThat(reference.find()).as(summary.body()).isTrue();
        assertThat(loggedFor(reference.group(1))).isNotNull();
    }

    @Test
    void managementEndpointsBeyondHealthAreNotServedAtAll() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);

        for (String path : List.of("/routes", "/beans", "/loggers", "/threaddump", "/env")) {
            Visitor.Page page = bob.getJson(path);
            assertThat(page.status()).as(path).isIn(401, 403, 404);
            assertThat(page.body()).as(path).doesNotContain(INTERNALS);
        }
    }

    private ILoggingEvent loggedFor(String reference) {
        synchronized (logged) { // AppenderBase appends under this lock
            return logged.list.stream()
                    .filter(event -> event.getFormattedMessage().contains("reference " + reference))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("nothing logged under " + reference));
        }
    }
}
