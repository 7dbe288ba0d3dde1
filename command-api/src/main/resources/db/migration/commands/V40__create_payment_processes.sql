-- The payment process of each order (ADR 8). Its state is the fold of its events in commands.events; this row is
-- the lock every transition takes (SELECT ... FOR UPDATE) and a cache of the fold that queries filter on.
CREATE TABLE commands.payment_processes (
    order_id    uuid        PRIMARY KEY REFERENCES commands.orders (id),
    method      text        NOT NULL CHECK (method IN ('CARD', 'INVOICE')),
    status      text        NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    session_id  text        NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX payment_processes_waiting ON commands.payment_processes (status, updated_at)
    WHERE status IN ('PLACED', 'AWAITING_PAYMENT', 'REFUNDING');
