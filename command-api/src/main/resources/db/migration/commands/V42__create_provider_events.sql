-- The card provider's webhook inbox: one row per provider event id, inserted in the transaction that applies it,
-- so a redelivered webhook is recognised and applied once.
CREATE TABLE commands.provider_events (
    event_id    text        PRIMARY KEY,
    type        text        NOT NULL,
    order_id    uuid        NULL,
    received_at timestamptz NOT NULL
);
