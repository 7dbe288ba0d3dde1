package com.licenceshop.command.payment;

import com.licenceshop.events.OrderLine;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CardProvider} on stripe-java's {@link StripeClient} with {@code setApiBase}: Stripe itself, or the local
 * payment-provider that speaks the same API subset. The order id travels as {@code client_reference_id} and as
 * {@code metadata[order_id]} of the session and of its PaymentIntent, so every webhook names its order.
 */
final class StripeCardProvider implements CardProvider {

    private static final Logger LOG = LoggerFactory.getLogger(StripeCardProvider.class);

    private final StripeClient stripe;

    StripeCardProvider(StripeClient stripe) {
        this.stripe = stripe;
    }

    @Override
    public Checkout createCheckout(CheckoutRequest request) throws Unavailable {
        String orderId = request.orderId().toString();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(orderId)
                .setCustomerEmail(request.customerEmail())
                .putMetadata("order_id", orderId)
                .putMetadata("attempt", Integer.toString(request.attempt()))
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("order_id", orderId)
                        .build())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setExpiresAt(request.expiresAt().getEpochSecond());
        String currency = request.currency().toLowerCase(Locale.ROOT);
        // the net lines and the VAT as one more line: the session's total is the gross the invoice would show
        for (OrderLine line : request.lines()) {
            params.addLineItem(item(currency, line.name(), line.unitPriceCents(), line.quantity()));
        }
        if (request.vatCents() > 0) {
            params.addLineItem(item(
                    currency,
                    String.format(Locale.ROOT, "VAT %.2f %%", request.vatRateBasisPoints() / 100.0),
                    request.vatCents(),
                    1));
        }
        try {
            Session session = stripe.v1()
                    .checkout()
                    .sessions()
                    .create(
                            params.build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey("checkout-" + orderId + "-" + request.attempt())
                                    .build());
            return new Checkout(session.getId(), session.getUrl(), session.getStatus());
        } catch (StripeException e) {
            throw unavailable("create a checkout", e);
        }
    }

    private static SessionCreateParams.LineItem item(String currency, String name, long unitAmount, long quantity) {
        return SessionCreateParams.LineItem.builder()
                .setQuantity(quantity)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency(currency)
                        .setUnitAmount(unitAmount)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName(name)
                                .build())
                        .build())
                .build();
    }

    @Override
    public Trigger retrieve(String sessionId) throws Unavailable {
        try {
            return ProviderEvents.fromRetrievedSession(
                    stripe.v1().checkout().sessions().retrieve(sessionId));
        } catch (StripeException e) {
            throw unavailable("retrieve session " + sessionId, e);
        }
    }

    @Override
    public void expire(String sessionId) throws Unavailable {
        try {
            stripe.v1().checkout().sessions().expire(sessionId);
        } catch (InvalidRequestException e) {
            // no longer open (paid, or expired by itself): nothing to close
            LOG.info("session {} not expired: {}", sessionId, e.getMessage());
        } catch (StripeException e) {
            throw unavailable("expire session " + sessionId, e);
        }
    }

    @Override
    public String refund(UUID orderId, String paymentIntentId, long amountCents, String idempotencyKey)
            throws Unavailable {
        try {
            Refund refund = stripe.v1()
                    .refunds()
                    .create(
                            RefundCreateParams.builder()
                                    .setPaymentIntent(paymentIntentId)
                                    .setAmount(amountCents)
                                    .putMetadata("order_id", orderId.toString())
                                    .build(),
                            RequestOptions.builder()
                                    .setIdempotencyKey(idempotencyKey)
                                    .build());
            return refund.getId();
        } catch (StripeException e) {
            throw unavailable("refund " + paymentIntentId, e);
        }
    }

    private static Unavailable unavailable(String what, StripeException e) {
        return new Unavailable("the card provider could not " + what + ": " + e.getMessage(), e);
    }
}
