CREATE TABLE commands.orders (
    id                 uuid PRIMARY KEY,
    customer_email     text        NOT NULL,
    currency           char(3)     NOT NULL,
    total_cents        bigint      NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PLACED', 'CANCELLED')),
    placed_at          timestamptz NOT NULL,
    placed_sequence    bigint      NOT NULL,
    cancelled_at       timestamptz NULL,
    cancelled_sequence bigint      NULL
);
