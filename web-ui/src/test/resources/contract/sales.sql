-- Mirrors docs/contracts.md, schema "sales": the relations the web UI reads, with exactly the contract's
-- columns. In the real system sales-projector owns them (as views over its tables); module tests create them
-- as plain tables so they can write figures directly. The end-to-end tests (e2e-tests) run the real projector.
CREATE SCHEMA sales;

CREATE TABLE sales.current_summary (
    period_start_sequence bigint NOT NULL,
    period_started_at     timestamptz NULL,
    orders                bigint NOT NULL,
    licences              bigint NOT NULL,
    revenue_cents         bigint NOT NULL,
    currency              text NOT NULL,
    position              bigint NOT NULL,
    last_event_at         timestamptz NULL,
    updated_at            timestamptz NULL
);

CREATE TABLE sales.current_product_summary (
    sku           text NOT NULL,
    name          text NOT NULL,
    orders        bigint NOT NULL,
    licences      bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    seats_issued  bigint NOT NULL DEFAULT 0,
    seats_revoked bigint NOT NULL DEFAULT 0
);

CREATE TABLE sales.current_minute_summary (
    minute        timestamptz NOT NULL,
    orders        bigint NOT NULL,
    revenue_cents bigint NOT NULL
);

CREATE TABLE sales.order_status (
    order_id       uuid NOT NULL,
    status         text NOT NULL,
    counted_at     timestamptz NOT NULL,
    payment_status text NULL
);

-- ADR 13: the money of the current period, one row
CREATE TABLE sales.current_payment_summary (
    booked_cents            bigint NOT NULL,
    paid_cents              bigint NOT NULL,
    outstanding_cents       bigint NOT NULL,
    refunded_cents          bigint NOT NULL,
    overpaid_cents          bigint NOT NULL,
    orders_awaiting_payment bigint NOT NULL
);
