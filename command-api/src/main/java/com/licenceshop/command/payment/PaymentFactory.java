package com.licenceshop.command.payment;

import com.stripe.StripeClient;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

@Factory
class PaymentFactory {

    /** No secret, no verification: the webhook then answers 503 rather than trusting anything. */
    @Singleton
    @Requires(property = "shop.payment.webhook-secret", pattern = ".+")
    WebhookVerification webhookVerification(
            @Value("${shop.payment.webhook-secret}") String secret,
            @Value("${shop.payment.webhook-tolerance:5m}") Duration tolerance,
            Clock clock) {
        return new WebhookVerification(secret, tolerance, clock);
    }

    @Singleton
    PaymentPolicy policy(PaymentConfig config) {
        PaymentPolicy defaults = PaymentPolicy.defaults();
        return new PaymentPolicy(
                config.paymentWindow(),
                config.reconcileAfter(),
                config.reconcileMax(),
                config.vatRate(),
                config.paymentTermsDays(),
                defaults.reminderBefore(),
                defaults.overdueAfter(),
                Duration.ofDays(config.graceDays()),
                defaults.refundRetry(),
                ZoneId.of(config.invoiceTimeZone()));
    }

    @Singleton
    PaymentProcess process(PaymentPolicy policy) {
        return new PaymentProcess(policy);
    }

    /** No provider URL or key: no card payments (checkout answers 503); Stripe's own URL in production. */
    @Singleton
    @Requires(property = "shop.payment.provider-url", pattern = ".+")
    @Requires(property = "shop.payment.provider-secret-key", pattern = ".+")
    CardProvider cardProvider(PaymentConfig config) {
        return new StripeCardProvider(StripeClient.builder()
                .setApiKey(config.providerSecretKey())
                .setApiBase(config.providerUrl())
                .setConnectTimeout(2_000)
                .setReadTimeout(10_000)
                // the idempotency keys make a retry safe; one is enough before the shopper hears "try again"
                .setMaxNetworkRetries(1)
                .build());
    }
}
