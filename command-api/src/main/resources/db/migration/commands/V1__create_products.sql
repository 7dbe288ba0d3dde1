-- The catalog: the only source of prices. Clients send SKUs and quantities, never prices.
CREATE TABLE commands.products (
    sku              text PRIMARY KEY,
    name             text    NOT NULL,
    description      text    NOT NULL,
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents > 0),
    currency         char(3) NOT NULL,
    position         int     NOT NULL
);
