-- Per licence and period.
CREATE TABLE period_products (
    period_start  bigint NOT NULL,
    sku           text   NOT NULL,
    name          text   NOT NULL,
    orders        bigint NOT NULL,
    licences      bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    PRIMARY KEY (period_start, sku)
);
