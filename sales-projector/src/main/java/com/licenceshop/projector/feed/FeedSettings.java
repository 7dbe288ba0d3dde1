package com.licenceshop.projector.feed;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.net.URI;

/** @param url base URL of the command API, whose {@code GET /api/events} serves the event store */
@ConfigurationProperties("shop.command-api")
public record FeedSettings(@NotNull URI url) {
}
