package com.licenceshop.web.orders;

import static com.licenceshop.web.support.OrderPaths.cancelPath;
import static com.licenceshop.web.support.OrderPaths.eventsPath;
import static com.licenceshop.web.support.OrderPaths.idOf;
import static com.licenceshop.web.support.OrderPaths.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.web.live.DatabaseNotifications;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.EventStream;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WebUiIT
class OrderPageIT extends AgainstTheTestShop {

    @Inject
    DatabaseNotifications notifications;

    @Inject
    JsonMapper json;

    @Test
    void aFreshOrderIsAcceptedAndWaitsToBeCountedAndMailed() {
        Visitor shopper = shop.visitor();
        Visitor.Page page = shopper.get(placeOrder(shopper));

        assertThat(state(page, "step-accepted")).isEqualTo("done");
        assertThat(state(page, "step-counted")).isEqualTo("current");
        assertThat(state(page, "step-mailed")).isEqualTo("current");
        assertThat(page.count("cancel-button")).isEqualTo(1);
    }

    @Test
    void licenceKeysHaveACopyButtonAndTheTotalCountsThemRight() {
        Visitor shopper = shop.visitor();
        String one = placeOrder(shopper, "1");
        String three = placeOrder(shopper, "3");

        Visitor.Page page = shopper.get(one);
        String orderId = idOf(one);
        assertThat(page.textOf("order-total-label")).isEqualTo("Total for 1 licence");
        assertThat(page.count("licence-key")).isEqualTo(1);
        assertThat(page.count("copy-licence-key")).isEqualTo(1);
        assertThat(page.textOf("licence-key-0")).isEqualTo("stub." + orderId + "-1.c2lnbmF0dXJl");
        assertThat(page.body()).contains("<strong>Starter</strong> (STARTER), 1 seat");
        Visitor.Page threePage = shopper.get(three);
        assertThat(threePage.textOf("order-total-label")).isEqualTo("Total for 3 licences");
        assertThat(threePage.body()).contains("(STARTER), 3 seats");
    }

    @Test
    void aCancelledOrderSaysItsKeysAreRevoked() {
        Visitor shopper = shop.visitor();
        String orderPath = placeOrder(shopper);
        shopper.submit(shopper.get(orderPath), cancelPath(orderPath), Map.of("token", tokenOf(orderPath)));

        assertThat(shopper.get(orderPath).textOf("licence-keys-revoked")).contains("revoked");
    }

    @Test
    void theProgressIsPushedAsTheOrderIsCountedAndMailed() {
        Visitor shopper = shop.visitor();
        String orderPath = placeOrder(shopper);
        UUID orderId = UUID.fromString(idOf(orderPath));
        await("listening").atMost(Duration.ofSeconds(10)).until(notifications::isListening);

        try (EventStream stream = EventStream.open(shop.baseUri(), eventsPath(orderPath), shopper.cookies())) {
            await("the current progress first")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !stream.named("progress").isEmpty());

            shop.database.counted(orderId, "PLACED", Instant.now());
            shop.database.notify("sales_position", "7");
            await("counted pushed")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> latest(stream)
                            .get("html")
                            .toString()
                            .contains("id=\"step-counted\" data-testid=\"step-counted\" data-state=\"done\""));

            shop.database.mail(orderId, "ORDER_CONFIRMATION", "SENT", Instant.now());
            shop.database.notify("mail_sent", orderId.toString());
            await("mail sent pushed")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Boolean.TRUE.equals(latest(stream).get("finished")));
            assertThat(latest(stream).get("html").toString())
                    .contains("data-testid=\"step-mailed\" data-state=\"done\"");
        }
        assertThat(state(shopper.get(orderPath), "step-mailed")).isEqualTo("done");
    }

    @Test
    void aShopperCanCancelFromTheOrderPage() {
        Visitor shopper = shop.visitor();
        String orderPath = placeOrder(shopper);
        Visitor.Page page = shopper.get(orderPath);

        assertThat(page.body()).contains("name=\"token\" value=\"" + tokenOf(orderPath) + "\"");
        Visitor.Page cancelled = shopper.submit(page, cancelPath(orderPath), Map.of("token", tokenOf(orderPath)));

        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(cancelled.location()).isEqualTo(orderPath);
        Visitor.Page after = shopper.get(orderPath);
        assertThat(state(after, "step-cancelled")).isEqualTo("done");
        assertThat(after.count("cancel-button")).isZero();
    }

    @Test
    void cancellingWithoutAValidCsrfTokenIsRefused() {
        Visitor shopper = shop.visitor();
        String orderPath = placeOrder(shopper);

        Visitor.Page refused = shopper.postForm(cancelPath(orderPath), Map.of("token", tokenOf(orderPath)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(state(shopper.get(orderPath), "step-mailed")).isEqualTo("current");
    }

    @Test
    void theOrderIdWithoutItsTokenShowsNothingAndCancelsNothing() {
        Visitor shopper = shop.visitor();
        String orderPath = placeOrder(shopper);
        Visitor stranger = shop.visitor();

        Visitor.Page page = stranger.get("/orders/" + idOf(orderPath));
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("order-missing").doesNotContain("linus@example.com");
        assertThat(stranger.get("/orders/" + idOf(orderPath) + "?token=wrong").status())
                .isEqualTo(404);
        Visitor.Page cancel = stranger.submit(stranger.get("/"), cancelPath(orderPath), Map.of("token", "wrong"));
        assertThat(cancel.location()).endsWith("cancel=failed");
        assertThat(state(shopper.get(orderPath), "step-mailed")).isEqualTo("current");
    }

    @Test
    void anUnknownOrderIsNotFound() {
        Visitor.Page page = shop.visitor().get("/orders/" + UUID.randomUUID());

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("order-missing");
    }

    private String placeOrder(Visitor shopper) {
        return placeOrder(shopper, "1");
    }

    private String placeOrder(Visitor shopper, String quantity) {
        Visitor.Page form = shopper.get("/");
        Visitor.Page placed = shopper.submit(
                form,
                "/orders",
                Map.of(
                        "customerEmail",
                        "linus@example.com",
                        "sku",
                        "STARTER",
                        "quantity",
                        quantity,
                        "idempotencyKey",
                        UUID.randomUUID().toString()));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        return placed.location();
    }

    private static String state(Visitor.Page page, String testId) {
        var matcher = java.util.regex.Pattern.compile("data-testid=\"" + testId + "\" data-state=\"([a-z]+)\"")
                .matcher(page.body());
        assertThat(matcher.find()).as("%s on the page", testId).isTrue();
        return matcher.group(1);
    }

    private Map<String, Object> latest(EventStream stream) {
        var events = stream.named("progress");
        try {
            return json.readValue(events.get(events.size() - 1).data(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
