-- Per minute of placement and period.
CREATE TABLE period_minutes (
    period_start  bigint      NOT NULL,
    minute        timestamptz NOT NULL,
    orders        bigint      NOT NULL,
    revenue_cents bigint      NOT NULL,
    PRIMARY KEY (period_start, minute)
);
