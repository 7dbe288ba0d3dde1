package com.licenceshop.web.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * @param coalesce            at most one push per stream in this window: a burst of batches becomes a few pushes
 * @param heartbeat           an event this often on every open stream, so proxies and idle timeouts keep it open
 * @param reconnectDelay      wait before listening again after the database connection was lost
 * @param maxStreamsPerClient open order streams one client address may hold (anonymous: each costs reads)
 * @param maxStreamsPerOrder  open streams of one order, from anywhere
 * @param paymentPoll         how often an order page waiting on a payment re-reads the order from command-api
 */
@ConfigurationProperties("shop.live")
public record LiveConfig(
        @NotNull Duration coalesce,
        @NotNull Duration heartbeat,
        @NotNull Duration reconnectDelay,
        @Min(1) int maxStreamsPerClient,
        @Min(1) int maxStreamsPerOrder,
        @NotNull Duration paymentPoll) {}
