package com.licenceshop.command.order;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How many orders anonymous clients may place (F-05): per client address and per recipient e-mail address, each a
 * token bucket; 0 switches one off (the load benchmark does).
 *
 * @param perClient    orders per client address per {@code clientPeriod}
 * @param perRecipient orders (so confirmation mails) per recipient address per {@code recipientPeriod}
 */
@ConfigurationProperties("shop.orders.limits")
record OrderRateLimits(
        @Min(0) int perClient,
        Duration clientPeriod,
        @Min(0) int perRecipient,
        Duration recipientPeriod) {

    /** Buckets kept per limit; beyond it the idle ones go. */
    static final int MAX_KEYS = 100_000;
}
