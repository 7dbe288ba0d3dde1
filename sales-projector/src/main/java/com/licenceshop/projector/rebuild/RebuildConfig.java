package com.licenceshop.projector.rebuild;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param pageSize  events asked of the feed per request
 * @param chunkSize events per transaction into the new tables (pre-aggregated in memory per chunk)
 */
@ConfigurationProperties("shop.rebuild")
record RebuildConfig(
        @NotNull @Min(1) Integer pageSize, @NotNull @Min(1) Integer chunkSize) {}
