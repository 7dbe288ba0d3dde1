package com.licenceshop.command.order;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * @param queueSize    place-order commands waiting for a writer; when full, new ones get 503 + Retry-After
 * @param maxBatchSize most commands one writer stores in one transaction
 * @param writers      writer threads, each with one database connection at a time
 */
@ConfigurationProperties("shop.orders")
record GroupCommitConfig(
        @Min(1) @Max(1_000_000) int queueSize,
        @Min(1) @Max(10_000) int maxBatchSize,
        @Min(1) @Max(64) int writers) {}
