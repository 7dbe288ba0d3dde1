-- One row per event this service handled: the ledger that makes "one mail per event" hold across
-- redeliveries, replays, retries and instances. The web UI reads it (docs/contracts.md).
CREATE TABLE notifications.mails (
    event_id        uuid        PRIMARY KEY,
    order_id        uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('ORDER_CONFIRMATION', 'CANCELLATION')),
    recipient       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    last_error      text        NULL,
    message_id      text        NULL,
    sent_at         timestamptz NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- private to this service: while set and in the future, one delivery owns the mail and talks to SMTP
    claimed_until   timestamptz NULL,
    -- private to this service: when the next retry of a failed send is due (for ops)
    next_attempt_at timestamptz NULL
);
