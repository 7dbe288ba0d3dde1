package com.licenceshop.command.payment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code shop.payment.*} (README's table; ADR 13). {@code required}: orders wait for their payment before their keys
 * exist; off, the shop issues keys at placement as before. {@code providerUrl}/{@code providerSecretKey}: the card
 * provider (Stripe's API; the local payment-provider in development). {@code shopUrl}: where the provider sends the
 * shopper back. {@code deadlinePoll}: how often each instance looks for due deadlines.
 */
@ConfigurationProperties("shop.payment")
record PaymentConfig(
        @Bindable(defaultValue = "false") boolean required,
        @Nullable String providerUrl,
        @Nullable String providerSecretKey,
        @Bindable(defaultValue = "http://localhost:8080") String shopUrl,
        @Bindable(defaultValue = "1h") Duration paymentWindow,
        @Bindable(defaultValue = "2m") Duration reconcileAfter,
        @Bindable(defaultValue = "15m") Duration reconcileMax,
        @Bindable(defaultValue = "1900") int vatRate,
        @Bindable(defaultValue = "14") int paymentTermsDays,
        @Bindable(defaultValue = "14") int graceDays,
        @Bindable(defaultValue = "Europe/Berlin") String invoiceTimeZone,
        @Bindable(defaultValue = "1s") Duration deadlinePoll,
        @Bindable(defaultValue = "true") boolean deadlinesEnabled) {}
