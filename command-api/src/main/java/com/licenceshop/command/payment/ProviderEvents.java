package com.licenceshop.command.payment;

import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import java.util.List;
import java.util.Optional;

/**
 * Which order a verified provider event concerns and what it asks of its process. The order id travels as the
 * session's {@code client_reference_id} and as {@code metadata[order_id]} of the session and of the PaymentIntent
 * (the shop sets both when it creates a checkout). Events of other types, or without an order id, map to nothing:
 * recorded by id and answered 200, harmless.
 */
public final class ProviderEvents {

    static final String SESSION_COMPLETED = "checkout.session.completed";
    static final String SESSION_EXPIRED = "checkout.session.expired";
    static final String PAYMENT_FAILED = "payment_intent.payment_failed";
    static final String REFUND_CREATED = "refund.created";

    /**
     * The types the webhook endpoint subscribes to (Stripe's {@code enabled_events}; the local provider's
     * {@code PAYMENT_PROVIDER_WEBHOOK_EVENTS}): the ones that trigger something. Each other type would cost a request,
     * a signature check and an inbox row for nothing; a paid checkout alone sends three events.
     */
    public static final List<String> SUBSCRIBED =
            List.of(SESSION_COMPLETED, SESSION_EXPIRED, PAYMENT_FAILED, REFUND_CREATED);

    public record ForOrder(String orderId, Trigger trigger) {}

    private ProviderEvents() {}

    public static Optional<ForOrder> toTrigger(Event event) {
        Optional<StripeObject> data = event.getDataObjectDeserializer().getObject();
        if (data.isEmpty()) {
            return Optional.empty();
        }
        StripeObject object = data.get();
        switch (event.getType()) {
            case SESSION_COMPLETED -> {
                Session s = (Session) object;
                if (!"paid".equals(s.getPaymentStatus())) {
                    return Optional.empty();
                }
                return orderOf(s)
                        .map(order -> new ForOrder(
                                order,
                                new Trigger.CardPaid(
                                        s.getId(), s.getPaymentIntent(), s.getAmountTotal(), s.getCurrency())));
            }
            case SESSION_EXPIRED -> {
                Session s = (Session) object;
                return orderOf(s).map(order -> new ForOrder(order, new Trigger.CheckoutExpired(s.getId())));
            }
            case PAYMENT_FAILED -> {
                PaymentIntent pi = (PaymentIntent) object;
                String order =
                        pi.getMetadata() == null ? null : pi.getMetadata().get("order_id");
                var error = pi.getLastPaymentError();
                return Optional.ofNullable(order)
                        .map(o -> new ForOrder(
                                o,
                                new Trigger.CardDeclined(
                                        error == null
                                                ? "card_declined"
                                                : error.getDeclineCode() != null
                                                        ? error.getDeclineCode()
                                                        : error.getCode(),
                                        error == null ? "The card was declined." : error.getMessage())));
            }
            case REFUND_CREATED -> {
                Refund r = (Refund) object;
                String order = r.getMetadata() == null ? null : r.getMetadata().get("order_id");
                return Optional.ofNullable(order)
                        .map(o -> new ForOrder(o, new Trigger.RefundConfirmed(r.getId(), r.getAmount())));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** What reconciliation found when it retrieved a session itself (no webhook). */
    public static Trigger fromRetrievedSession(Session s) {
        if ("paid".equals(s.getPaymentStatus())) {
            return new Trigger.CardPaid(s.getId(), s.getPaymentIntent(), s.getAmountTotal(), s.getCurrency());
        }
        if ("expired".equals(s.getStatus())) {
            return new Trigger.CheckoutExpired(s.getId());
        }
        return new Trigger.CheckoutStillOpen(s.getId());
    }

    private static Optional<String> orderOf(Session s) {
        if (s.getClientReferenceId() != null && !s.getClientReferenceId().isBlank()) {
            return Optional.of(s.getClientReferenceId());
        }
        return Optional.ofNullable(
                s.getMetadata() == null ? null : s.getMetadata().get("order_id"));
    }
}
