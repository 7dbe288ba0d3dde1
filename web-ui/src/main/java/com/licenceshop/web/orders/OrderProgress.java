package com.licenceshop.web.orders;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps an order goes through, as the shopper sees them: accepted → counted in sales → confirmation mail
 * sent; or accepted → cancelled → cancellation mail sent. Counting and mailing happen in parallel (two
 * consumers of the same event), so each step is judged on its own.
 */
record OrderProgress(String status, boolean cancelled, boolean cancellable, boolean finished, List<Step> steps) {

    static final String DONE = "done";
    static final String WAITING = "current";
    static final String FAILED = "failed";

    static final String CONFIRMATION = "ORDER_CONFIRMATION";
    static final String CANCELLATION = "CANCELLATION";

    /** {@code key} names the step for tests and scripts ({@code data-testid="step-<key>"}). */
    record Step(String key, String label, String state, @Nullable Instant at, @Nullable String note) {
    }

    static OrderProgress of(OrderApi.Order order, OrderTracking.Tracking tracking) {
        boolean cancelled = order.cancelled()
                || tracking.counted().map(counted -> "CANCELLED".equals(counted.status())).orElse(false);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("accepted", "Order accepted", DONE, order.placedAt(), null));
        if (cancelled) {
            Instant cancelledAt = order.cancelledAt() != null ? order.cancelledAt()
                    : tracking.counted().map(OrderTracking.Counted::countedAt).orElse(null);
            steps.add(new Step("cancelled", "Order cancelled", DONE, cancelledAt, null));
            steps.add(mailStep("cancellation-mailed", "Cancellation mail sent", mail(tracking, CANCELLATION)));
        } else {
            steps.add(tracking.counted()
                    .map(counted -> new Step("counted", "Counted in sales", DONE, counted.countedAt(), null))
                    .orElseGet(() -> new Step("counted", "Counted in sales", WAITING, null, "waiting for the sales projection")));
            steps.add(mailStep("mailed", "Confirmation mail sent", mail(tracking, CONFIRMATION)));
        }
        boolean finished = steps.stream().noneMatch(step -> WAITING.equals(step.state()));
        return new OrderProgress(cancelled ? "CANCELLED" : "PLACED", cancelled, !cancelled, finished, List.copyOf(steps));
    }

    /** Whether the step with this key is still waiting (false if the order has no such step). */
    boolean waitingFor(String key) {
        return steps.stream().anyMatch(step -> step.key().equals(key) && WAITING.equals(step.state()));
    }

    private static Optional<OrderTracking.Mail> mail(OrderTracking.Tracking tracking, String kind) {
        return tracking.mails().stream().filter(mail -> kind.equals(mail.kind())).findFirst();
    }

    private static Step mailStep(String key, String label, Optional<OrderTracking.Mail> mail) {
        if (mail.isEmpty()) {
            return new Step(key, label, WAITING, null, "waiting for the mail service");
        }
        OrderTracking.Mail found = mail.get();
        return switch (found.status()) {
            case "SENT" -> new Step(key, label, DONE, found.sentAt(), null);
            case "FAILED" -> new Step(key, label, FAILED, null,
                    "could not be sent after " + found.attempts() + " attempts; our staff will send it again");
            default -> new Step(key, label, WAITING, null,
                    found.attempts() > 1 ? "retrying (attempt " + found.attempts() + ")" : "sending");
        };
    }
}
