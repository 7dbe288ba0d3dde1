package com.licenceshop.command.feed;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * @param defaultLimit events per page when the client names no limit
 * @param maxLimit     largest page a client may ask for
 * @param fetchSize    rows the JDBC cursor fetches per round trip while streaming
 */
@ConfigurationProperties("shop.feed")
public record FeedConfig(
        @Min(1) int defaultLimit,
        @Min(1) @Max(10_000_000) int maxLimit,
        @Min(1) int fetchSize) {}
