package com.licenceshop.command.payment;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

@Factory
class PaymentFactory {

    /** No secret, no verification: the webhook then answers 503 rather than trusting anything. */
    @Singleton
    @Requires(property = "shop.payment.webhook-secret", pattern = ".+")
    WebhookVerification webhookVerification(@Value("${shop.payment.webhook-secret}") String secret,
                                            @Value("${shop.payment.webhook-tolerance:5m}") Duration tolerance, Clock clock) {
        return new WebhookVerification(secret, tolerance, clock);
    }
}
