package com.licenceshop.web.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderProgressTest {

    private static final Instant PLACED = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aNewOrderIsAcceptedAndWaitsForCountingAndMail() {
        OrderProgress progress = OrderProgress.of(order("PLACED"), OrderTracking.Tracking.nothingYet());

        assertThat(states(progress)).containsExactly("accepted=done", "counted=current", "mailed=current");
        assertThat(progress.cancellable()).isTrue();
        assertThat(progress.finished()).isFalse();
    }

    @Test
    void theMailMayBeSentBeforeTheOrderIsCounted() {
        var tracking = new OrderTracking.Tracking(Optional.empty(), List.of(mail("ORDER_CONFIRMATION", "SENT", 1)));

        assertThat(states(OrderProgress.of(order("PLACED"), tracking)))
                .containsExactly("accepted=done", "counted=current", "mailed=done");
    }

    @Test
    void countedAndMailedIsFinished() {
        var tracking = new OrderTracking.Tracking(
                Optional.of(new OrderTracking.Counted("PLACED", PLACED.plusSeconds(1))),
                List.of(mail("ORDER_CONFIRMATION", "SENT", 1)));

        OrderProgress progress = OrderProgress.of(order("PLACED"), tracking);

        assertThat(progress.finished()).isTrue();
        assertThat(progress.cancellable()).isTrue();
    }

    @Test
    void aMailThatKeepsFailingIsShownAsFailedWithItsAttempts() {
        var tracking = new OrderTracking.Tracking(Optional.empty(), List.of(mail("ORDER_CONFIRMATION", "FAILED", 4)));

        OrderProgress.Step mailed =
                OrderProgress.of(order("PLACED"), tracking).steps().get(2);

        assertThat(mailed.state()).isEqualTo("failed");
        assertThat(mailed.note()).contains("4 attempts");
    }

    @Test
    void aCancelledOrderShowsTheCancellationAndItsMail() {
        var tracking = new OrderTracking.Tracking(
                Optional.of(new OrderTracking.Counted("CANCELLED", PLACED.plusSeconds(9))),
                List.of(mail("ORDER_CONFIRMATION", "SENT", 1)));

        OrderProgress progress = OrderProgress.of(order("PLACED"), tracking);

        assertThat(states(progress)).containsExactly("accepted=done", "cancelled=done", "cancellation-mailed=current");
        assertThat(progress.cancelled()).isTrue();
        assertThat(progress.cancellable()).isFalse();
    }

    @Test
    void theCommandApisCancelCountsBeforeTheProjectorHasSeenIt() {
        OrderProgress progress = OrderProgress.of(order("CANCELLED"), OrderTracking.Tracking.nothingYet());

        assertThat(progress.status()).isEqualTo("CANCELLED");
        assertThat(progress.steps().get(1).key()).isEqualTo("cancelled");
    }

    @Test
    void aCardOrderWaitsForItsPaymentBeforeKeysAndMail() {
        OrderProgress progress = OrderProgress.of(paid(card("PLACED"), List.of()), OrderTracking.Tracking.nothingYet());

        assertThat(states(progress))
                .containsExactly("accepted=done", "paid=current", "keys=current", "counted=current", "mailed=current");
        assertThat(progress.payable()).isTrue();
        assertThat(progress.payLabel()).isEqualTo("Pay by card");
        assertThat(progress.finished()).isFalse();
    }

    @Test
    void aDeclinedCardShowsFailedWithItsReasonOfferingToPayAgain() {
        var declined = new OrderApi.Payment(
                "CARD",
                "AWAITING_PAYMENT",
                "http://provider/c/pay/cs_1",
                null,
                50_000L,
                0,
                1,
                "Your card was declined.",
                true);

        OrderProgress progress = OrderProgress.of(paid(declined, List.of()), OrderTracking.Tracking.nothingYet());

        OrderProgress.Step payment = progress.steps().get(1);
        assertThat(payment.state()).isEqualTo("failed");
        assertThat(payment.note()).contains("Your card was declined.");
        assertThat(progress.payLabel()).isEqualTo("Pay again");
    }

    @Test
    void aPaidOrderWithItsKeysIsNoLongerPayable() {
        var keys = List.of(new OrderApi.Licence(1, "STARTER", 1, "k.e.y"));
        var tracking = new OrderTracking.Tracking(
                Optional.of(new OrderTracking.Counted("PLACED", PLACED.plusSeconds(1))),
                List.of(mail("ORDER_CONFIRMATION", "SENT", 1)));

        OrderProgress progress = OrderProgress.of(paid(card("KEYS_ISSUED"), keys), tracking);

        assertThat(states(progress))
                .containsExactly("accepted=done", "paid=done", "keys=done", "counted=done", "mailed=done");
        assertThat(progress.payable()).isFalse();
        assertThat(progress.finished()).isTrue();
    }

    @Test
    void anInvoiceOrderShowsInvoiceAndDueDateButNoPayButton() {
        var invoice = new OrderApi.Payment(
                "INVOICE",
                "AWAITING_PAYMENT",
                null,
                new OrderApi.Invoice(
                        "2026-000042", "2026-11-23", "2026-12-07", 50_000L, 1900, 9_500L, 59_500L, 0, "EUR"),
                59_500L,
                0,
                0,
                null,
                false);

        OrderProgress progress = OrderProgress.of(paid(invoice, List.of()), OrderTracking.Tracking.nothingYet());

        assertThat(progress.steps().get(1).note()).contains("invoice 2026-000042", "due 2026-12-07");
        assertThat(progress.payable()).isFalse();
    }

    @Test
    void aRefundedOrderSaysSoAndCannotBeCancelled() {
        var keys = List.of(new OrderApi.Licence(1, "STARTER", 1, "k.e.y"));

        OrderProgress progress = OrderProgress.of(paid(card("REFUNDED"), keys), OrderTracking.Tracking.nothingYet());

        assertThat(progress.status()).isEqualTo("REFUNDED");
        assertThat(states(progress)).contains("refunded=done");
        assertThat(progress.cancellable()).isFalse();
    }

    @Test
    void aPaidOrderIsRefundedNotCancelledSoHasNoCancelButton() {
        var keys = List.of(new OrderApi.Licence(1, "STARTER", 1, "k.e.y"));

        assertThat(OrderProgress.of(paid(card("KEYS_ISSUED"), keys), OrderTracking.Tracking.nothingYet())
                        .cancellable())
                .isFalse();
        assertThat(OrderProgress.of(paid(card("AWAITING_PAYMENT"), List.of()), OrderTracking.Tracking.nothingYet())
                        .cancellable())
                .isTrue();
    }

    private static OrderApi.Payment card(String status) {
        return new OrderApi.Payment(
                "CARD",
                status,
                null,
                null,
                0,
                0,
                0,
                null,
                "PLACED".equals(status) || "AWAITING_PAYMENT".equals(status));
    }

    private static OrderApi.Order paid(OrderApi.Payment payment, List<OrderApi.Licence> licences) {
        return new OrderApi.Order(
                "3f1c", "ada@example.com", "EUR", List.of(), 50_000, "PLACED", PLACED, null, licences, payment);
    }

    private static List<String> states(OrderProgress progress) {
        return progress.steps().stream()
                .map(step -> step.key() + "=" + step.state())
                .toList();
    }

    private static OrderApi.Order order(String status) {
        return new OrderApi.Order(
                "3f1c",
                "ada@example.com",
                "EUR",
                List.of(),
                50_000,
                status,
                PLACED,
                "CANCELLED".equals(status) ? PLACED.plusSeconds(5) : null,
                List.of(),
                null);
    }

    private static OrderTracking.Mail mail(String kind, String status, int attempts) {
        return new OrderTracking.Mail(
                kind, status, attempts, null, "SENT".equals(status) ? PLACED.plusSeconds(2) : null);
    }
}
