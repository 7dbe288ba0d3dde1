-- One row per order seen, from its placement or its cancellation (whichever came first: both carry the
-- order's figures). Its contribution to the totals is (placed - cancelled): 1, 0 or -1 while a cancellation
-- waits for its placement. The figures are kept so a late period close can move the order to its period.
CREATE TABLE orders (
    order_id        uuid PRIMARY KEY,
    placed_sequence bigint      NOT NULL,
    placed_at       timestamptz NOT NULL,
    currency        text        NOT NULL,
    licences        integer     NOT NULL,
    total_cents     bigint      NOT NULL,
    lines           jsonb       NOT NULL,
    placed          boolean     NOT NULL,
    cancelled       boolean     NOT NULL,
    counted_at      timestamptz NOT NULL
);
