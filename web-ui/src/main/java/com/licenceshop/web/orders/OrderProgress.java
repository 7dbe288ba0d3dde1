package com.licenceshop.web.orders;

import com.licenceshop.web.view.Money;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps an order goes through, as the shopper sees them (README, "Order page"). Counting and mailing happen in
 * parallel (two consumers of one event), so each step is judged on its own. {@code payable}: a card payment can be
 * (re)started from the page.
 */
record OrderProgress(
        String status,
        boolean cancelled,
        boolean cancellable,
        boolean finished,
        List<Step> steps,
        boolean payable,
        @Nullable String payLabel) {

    static final String DONE = "done";
    static final String WAITING = "current";
    static final String FAILED = "failed";

    static final String CONFIRMATION = "ORDER_CONFIRMATION";
    static final String CANCELLATION = "CANCELLATION";

    /** {@code key} names the step for tests and scripts ({@code data-testid="step-<key>"}). */
    record Step(
            String key,
            String label,
            String state,
            @Nullable Instant at,
            @Nullable String note) {}

    static OrderProgress of(OrderApi.Order order, OrderTracking.Tracking tracking) {
        boolean cancelled = order.cancelled()
                || tracking.counted()
                        .map(counted -> "CANCELLED".equals(counted.status()))
                        .orElse(false);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("accepted", "Order accepted", DONE, order.placedAt(), null));
        OrderApi.Payment payment = order.payment();
        boolean refunded = payment != null && "REFUNDED".equals(payment.status());
        // a paid order is refunded by sales staff, not cancelled by its buyer (the command API answers 409)
        boolean paid =
                payment != null && List.of("PAID", "KEYS_ISSUED", "REFUNDING").contains(payment.status());
        if (payment != null) {
            steps.add(paymentStep(payment, cancelled));
            if (!cancelled || !order.licences().isEmpty()) {
                steps.add(
                        order.licences().isEmpty()
                                ? new Step(
                                        "keys",
                                        "Licence keys issued",
                                        WAITING,
                                        null,
                                        "issued as soon as the payment is in")
                                : new Step("keys", "Licence keys issued", DONE, null, null));
            }
            if (refunded) {
                steps.add(new Step("refunded", "Order refunded", DONE, null, "the licence keys are revoked"));
            }
        }
        if (cancelled) {
            Instant cancelledAt = order.cancelledAt() != null
                    ? order.cancelledAt()
                    : tracking.counted().map(OrderTracking.Counted::countedAt).orElse(null);
            steps.add(new Step("cancelled", "Order cancelled", DONE, cancelledAt, null));
            steps.add(mailStep("cancellation-mailed", "Cancellation mail sent", mail(tracking, CANCELLATION)));
        } else {
            steps.add(tracking.counted()
                    .map(counted -> new Step("counted", "Counted in sales", DONE, counted.countedAt(), null))
                    .orElseGet(() -> new Step(
                            "counted", "Counted in sales", WAITING, null, "waiting for the sales projection")));
            steps.add(mailStep("mailed", "Confirmation mail sent", mail(tracking, CONFIRMATION)));
        }
        boolean finished = steps.stream().noneMatch(step -> WAITING.equals(step.state()))
                && (payment == null || !order.paymentPending());
        boolean payable = payment != null && !cancelled && payment.byCard() && payment.canPay();
        String payLabel = !payable ? null : payment.failures() > 0 ? "Pay again" : "Pay by card";
        String status = refunded ? "REFUNDED" : cancelled ? "CANCELLED" : "PLACED";
        return new OrderProgress(
                status, cancelled, !cancelled && !refunded && !paid, finished, List.copyOf(steps), payable, payLabel);
    }

    private static Step paymentStep(OrderApi.Payment payment, boolean cancelled) {
        String label = payment.byCard() ? "Paid by card" : "Invoice paid";
        if (payment.paid()) {
            return new Step("paid", label, DONE, null, null);
        }
        if (cancelled || "EXPIRED".equals(payment.status())) {
            return new Step("paid", label, FAILED, null, "not paid in time: the order was cancelled");
        }
        if (!payment.byCard()) {
            OrderApi.Invoice invoice = payment.invoice();
            String note = invoice == null || invoice.number() == null
                    ? "waiting for your bank transfer"
                    : "waiting for your bank transfer: invoice " + invoice.number()
                            + (invoice.dueDate() == null ? "" : ", due " + invoice.dueDate())
                            + (invoice.receivedCents() > 0
                                    ? ", " + Money.format(payment.outstandingCents(), invoice.currency())
                                            + " still outstanding"
                                    : "");
            return new Step("paid", label, WAITING, null, note);
        }
        if (payment.failures() > 0 && payment.canPay()) {
            String reason =
                    payment.lastFailure() == null || payment.lastFailure().isBlank()
                            ? "the card was declined"
                            : payment.lastFailure();
            return new Step(
                    "paid", label, FAILED, null, "The payment did not go through (" + reason + "). You can pay again.");
        }
        return new Step(
                "paid",
                label,
                WAITING,
                null,
                "PLACED".equals(payment.status())
                        ? "waiting for your payment"
                        : "waiting for the card payment to be confirmed");
    }

    /** Whether the step with this key is still waiting (false if the order has no such step). */
    boolean waitingFor(String key) {
        return steps.stream().anyMatch(step -> step.key().equals(key) && WAITING.equals(step.state()));
    }

    private static Optional<OrderTracking.Mail> mail(OrderTracking.Tracking tracking, String kind) {
        return tracking.mails().stream()
                .filter(mail -> kind.equals(mail.kind()))
                .findFirst();
    }

    private static Step mailStep(String key, String label, Optional<OrderTracking.Mail> mail) {
        if (mail.isEmpty()) {
            return new Step(key, label, WAITING, null, "waiting for the mail service");
        }
        OrderTracking.Mail found = mail.get();
        return switch (found.status()) {
            case "SENT" -> new Step(key, label, DONE, found.sentAt(), null);
            case "FAILED" ->
                new Step(
                        key,
                        label,
                        FAILED,
                        null,
                        "could not be sent after " + found.attempts() + " attempts; our staff will send it again");
            default ->
                new Step(
                        key,
                        label,
                        WAITING,
                        null,
                        found.attempts() > 1 ? "retrying (attempt " + found.attempts() + ")" : "sending");
        };
    }
}
