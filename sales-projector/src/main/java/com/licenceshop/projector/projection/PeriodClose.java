package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.UUID;

/** Sales staff closed the period: orders placed after {@code sequence} belong to the next one. */
public record PeriodClose(UUID eventId, long sequence, Instant occurredAt) implements SalesChange {}
