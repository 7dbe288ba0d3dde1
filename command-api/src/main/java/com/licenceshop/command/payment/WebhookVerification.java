package com.licenceshop.command.payment;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;

/**
 * Is a webhook the provider's? Stripe's own {@link Webhook} checks the {@code Stripe-Signature} header (HMAC-SHA256
 * over {@code "<t>.<payload>"} with the endpoint secret, compared in constant time) and that {@code t} lies within
 * the tolerance of now — the injected clock's now — in the past, and (our addition) in the future. Anything else is a rejection with a reason to log, never a
 * throw: the controller answers 400 and stores nothing.
 */
public final class WebhookVerification {

    public sealed interface Outcome {}

    public record Verified(Event event) implements Outcome {}

    public record Rejected(String reason) implements Outcome {}

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookVerification(String secret, Duration tolerance, Clock clock) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook signing secret is missing (PAYMENT_WEBHOOK_SECRET)");
        }
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The header's {@code t=}; constructEvent has already refused a header without one. */
    private static long signedAt(String header) {
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                return Long.parseLong(kv[1]);
            }
        }
        throw new IllegalArgumentException("no timestamp");
    }

    public Outcome verify(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return new Rejected("no Stripe-Signature header");
        }
        if (payload == null || payload.isEmpty()) {
            return new Rejected("empty body");
        }
        try {
            Event event = Webhook.constructEvent(payload, signatureHeader, secret, tolerance.toSeconds(), clock);
            // Stripe's check bounds only the past; a signature from too far in the future is refused as well
            if (signedAt(signatureHeader) > clock.instant().plus(tolerance).getEpochSecond()) {
                return new Rejected("timestamp in the future, outside the tolerance");
            }
            return new Verified(event);
        } catch (SignatureVerificationException e) {
            return new Rejected(e.getMessage());
        } catch (RuntimeException e) {
            // signed but not an event (JSON the library cannot read): still nothing we act on
            return new Rejected("payload is not an event: " + e.getClass().getSimpleName());
        }
    }
}
