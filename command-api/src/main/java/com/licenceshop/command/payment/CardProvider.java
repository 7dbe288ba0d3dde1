package com.licenceshop.command.payment;

import com.licenceshop.events.OrderLine;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The port to the card provider (ADR 13): hosted checkout out, the session's state back for reconciliation, refunds.
 * One adapter, {@link StripeCardProvider}, on Stripe's own Java library; real Stripe and the local payment-provider
 * differ only in base URL and key. Every call may fail with {@link Unavailable}: the caller has written nothing yet
 * (checkout) or has a deadline that tries again (reconciliation, refund).
 */
interface CardProvider {

    record CheckoutRequest(
            UUID orderId,
            int attempt,
            String customerEmail,
            String currency,
            List<OrderLine> lines,
            long vatCents,
            int vatRateBasisPoints,
            long grossCents,
            Instant expiresAt,
            String successUrl,
            String cancelUrl) {}

    /** A checkout session: {@code status} open / complete / expired. */
    record Checkout(String sessionId, String url, String status) {}

    /** @param request created under {@code Idempotency-Key: checkout-<orderId>-<attempt>}: a retry gets the same session */
    Checkout createCheckout(CheckoutRequest request) throws Unavailable;

    /** What the session says now: paid, expired or still open (the trigger reconciliation applies). */
    Trigger retrieve(String sessionId) throws Unavailable;

    /** Closes an open session nobody should pay any more; one that is no longer open is left as it is. */
    void expire(String sessionId) throws Unavailable;

    /** @return the provider's refund id */
    String refund(UUID orderId, String paymentIntentId, long amountCents, String idempotencyKey) throws Unavailable;

    /** The provider did not answer, or answered with an error of its own (5xx, connection, authentication). */
    final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
