CREATE TABLE commands.order_lines (
    order_id         uuid   NOT NULL REFERENCES commands.orders (id),
    line_no          int    NOT NULL,
    sku              text   NOT NULL,
    name             text   NOT NULL,
    quantity         int    NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_price_cents bigint NOT NULL,
    line_total_cents bigint NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
