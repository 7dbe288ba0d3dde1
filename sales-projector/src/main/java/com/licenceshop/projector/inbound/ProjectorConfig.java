package com.licenceshop.projector.inbound;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How the live projection batches.
 *
 * @param batchSize     events per transaction, at most the prefetch of full messages ({@link ProjectorConsumer#MAX_BATCH})
 * @param linger        how long a partly filled batch waits for more deliveries before it is applied anyway
 * @param retryFor      how long a batch waits for an unreachable database (tried again meanwhile) before it is
 *                      put back at the tail of the queue; below the broker's consumer timeout (30 min)
 */
@ConfigurationProperties("shop.projector")
record ProjectorConfig(
        @NotNull @Min(1) @Max(ProjectorConsumer.MAX_BATCH) Integer batchSize,
        @NotNull Duration linger,
        @NotNull Duration retryFor) {}
