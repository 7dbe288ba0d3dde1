package com.licenceshop.projector.feed;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * @param url         base URL of the command API, whose {@code GET /api/events} serves the event store
 * @param readTimeout longest wait for the next bytes of an answer (first byte included); a feed silent for
 *                    longer fails the rebuild or reconciliation that reads it
 */
@ConfigurationProperties("shop.command-api")
public record FeedConfig(@NotNull URI url, @NotNull Duration readTimeout) {}
