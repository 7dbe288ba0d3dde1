package com.licenceshop.projector.inbound;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** How the live projection batches and waits ({@code shop.projector}); each setting: README, "Configuration". */
@ConfigurationProperties("shop.projector")
record ProjectorConfig(
        @NotNull @Min(1) @Max(ProjectorConsumer.MAX_BATCH) Integer batchSize,
        @NotNull Duration linger,
        @NotNull Duration retryFor) {}
