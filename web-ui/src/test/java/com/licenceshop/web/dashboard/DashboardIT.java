package com.licenceshop.web.dashboard;

import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.web.live.DatabaseNotifications;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.EventStream;
import com.licenceshop.web.support.StubCommandApi;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WebUiIT
class DashboardIT extends AgainstTheTestShop {

    @Inject
    DatabaseNotifications notifications;

    @Inject
    StubCommandApi commandApi;

    @Inject
    JsonMapper json;

    @BeforeEach
    void salesSoFar() {
        Instant now = Instant.now();
        shop.database.run("DELETE FROM sales.current_product_summary; DELETE FROM sales.current_minute_summary");
        shop.database.summary(3, 4, 2_000_000, 41, now.minusMillis(1500), now);
        shop.database.licence("PROFESSIONAL", "Professional", 2, 3, 1_500_000, 3, 0);
        shop.database.licence("STARTER", "Starter", 1, 1, 500_000, 2, 1);
        shop.database.minute(now.truncatedTo(ChronoUnit.MINUTES), 3, 2_000_000);
        shop.database.payments(2_000_000, 1_190_000, 1_190_000, 59_500, 500, 2);
        commandApi.closeCalls.clear();
    }

    @Test
    void theDashboardSeparatesBookedPaidOutstandingAndRefundedRevenue() {
        Visitor.Page page = shop.loggedIn(SALES_USER, SALES_PASSWORD).get("/sales");

        assertThat(page.textOf("figure-booked")).isEqualTo("20,000.00 EUR");
        assertThat(page.textOf("figure-paid")).isEqualTo("11,900.00 EUR");
        assertThat(page.textOf("figure-outstanding")).isEqualTo("11,900.00 EUR");
        assertThat(page.textOf("figure-refunded")).isEqualTo("595.00 EUR");
        assertThat(page.textOf("payment-figures-note")).contains("2 order(s) wait for payment", "5.00 EUR overpaid");
    }

    @Test
    void theDashboardShowsTheFiguresOfThePeriod() {
        Visitor.Page page = shop.loggedIn(SALES_USER, SALES_PASSWORD).get("/sales");

        assertThat(page.textOf("figure-orders")).isEqualTo("3");
        assertThat(page.textOf("figure-licences")).isEqualTo("4");
        assertThat(page.textOf("figure-revenue")).isEqualTo("20,000.00 EUR");
        assertThat(page.textOf("figure-average")).isEqualTo("6,666.67 EUR");
        assertThat(page.textOf("figure-position")).isEqualTo("#41");
        assertThat(page.textOf("figure-lag")).isEqualTo("1.5 s");
        assertThat(page.count("licence-row")).isEqualTo(2);
        assertThat(page.body()).contains("75.0 %", "25.0 %");
        assertThat(page.textOf("seats-issued-PROFESSIONAL") + "/" + page.textOf("seats-revoked-PROFESSIONAL"))
                .isEqualTo("3/0");
        assertThat(page.textOf("seats-issued-STARTER") + "/" + page.textOf("seats-revoked-STARTER"))
                .isEqualTo("2/1");
        assertThat(page.count("revenue-chart")).isEqualTo(1);
        assertThat(page.body()).contains("<rect class=\"bar\"");
    }

    @Test
    void theStreamPushesNewFiguresAfterTheProjectorAnnouncesABatch() {
        Visitor alice = shop.loggedIn(SALES_USER, SALES_PASSWORD);
        await("listening").atMost(Duration.ofSeconds(10)).until(notifications::isListening);

        try (EventStream stream = EventStream.open(shop.baseUri(), "/sales/events", alice.cookies())) {
            await("the current figures first")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !stream.named("figures").isEmpty());
            assertThat(stream.status()).isEqualTo(200);
            assertThat(update(stream, 0)).containsEntry("orders", 3).containsEntry("position", 41);

            shop.database.summary(4, 6, 3_000_000, 42, Instant.now(), Instant.now());
            shop.database.notify("sales_position", "42");

            await("the new figures pushed").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                Map<String, Object> latest =
                        update(stream, stream.named("figures").size() - 1);
                assertThat(latest)
                        .containsEntry("orders", 4)
                        .containsEntry("position", 42)
                        .containsEntry("revenueCents", 3_000_000);
                assertThat((String) latest.get("html")).contains("30,000.00 EUR");
            });
        }
    }

    @Test
    void theStreamEndsWhenItsLoginLogsOut() {
        Visitor alice = shop.loggedIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD);
        Visitor.Page dashboard = alice.get("/sales");

        try (EventStream stream = EventStream.open(shop.baseUri(), "/sales/events", alice.cookies())) {
            await("the current figures first")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !stream.named("figures").isEmpty());

            assertThat(alice.submit(dashboard, "/logout", Map.of()).status()).isEqualTo(303);

            await("the stream ends").atMost(Duration.ofSeconds(10)).until(stream::ended);
        }
    }

    @Test
    void closingThePeriodAsksTheCommandApiWithTheOpsCredential() {
        Visitor alice = shop.loggedIn(SALES_USER, SALES_PASSWORD);
        Visitor.Page dashboard = alice.get("/sales");

        Visitor.Page closed = alice.submit(dashboard, "/sales/close-period", Map.of());

        assertThat(closed.status()).isEqualTo(303);
        assertThat(closed.location()).isEqualTo("/sales?notice=period-closed");
        assertThat(commandApi.closeCalls).hasSize(1);
        assertThat(alice.get(closed.location()).textOf("notice")).contains("closed");
    }

    @Test
    void aNoticeCodeCannotPutTextOnThePage() {
        Visitor.Page page = shop.loggedIn(SALES_USER, SALES_PASSWORD).get("/sales?notice=%3Cb%3Ehacked%3C%2Fb%3E");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("hacked");
    }

    private Map<String, Object> update(EventStream stream, int index) {
        try {
            return json.readValue(
                    stream.named("figures").get(index).data(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
