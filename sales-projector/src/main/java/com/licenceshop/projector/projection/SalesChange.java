package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.UUID;

/** An event as the projection sees it: only what changes the sales figures. */
public sealed interface SalesChange
        permits OrderChange, PeriodClose, ProductNamed, NoFigures, LicenceRevocation, PaymentChange {

    UUID eventId();

    long sequence();

    Instant occurredAt();
}
