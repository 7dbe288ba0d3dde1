package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * An event that changes no figure (ProductRetired: a retired licence stays in the figures). It is still recorded
 * in the inbox and advances the position, so the model says it has seen it, live and in a rebuild alike.
 */
public record NoFigures(UUID eventId, long sequence, Instant occurredAt) implements SalesChange {}
