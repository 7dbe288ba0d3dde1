-- Durable deadlines of payment processes: claimed by any instance with FOR UPDATE SKIP LOCKED, fired once (the
-- firing transaction sets fired_at); settled processes cancel theirs.
CREATE TABLE commands.payment_deadlines (
    id           bigserial   PRIMARY KEY,
    order_id     uuid        NOT NULL,
    kind         text        NOT NULL,
    due_at       timestamptz NOT NULL,
    fired_at     timestamptz NULL,
    cancelled_at timestamptz NULL
);
CREATE INDEX payment_deadlines_due ON commands.payment_deadlines (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX payment_deadlines_order ON commands.payment_deadlines (order_id) WHERE fired_at IS NULL AND cancelled_at IS NULL;
