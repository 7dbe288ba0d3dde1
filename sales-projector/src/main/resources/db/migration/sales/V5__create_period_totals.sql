-- The figures, pre-aggregated per period: small tables whatever the number of orders, so the current_*
-- views read a handful of rows.
CREATE TABLE period_totals (
    period_start  bigint PRIMARY KEY,
    orders        bigint NOT NULL,
    licences      bigint NOT NULL,
    revenue_cents bigint NOT NULL
);
