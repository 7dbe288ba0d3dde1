-- Mirrors docs/contracts.md, schema "notifications": the one relation the web UI reads, with exactly the
-- contract's columns. notification-service owns it; the end-to-end tests (e2e-tests) run the real service.
CREATE SCHEMA notifications;

CREATE TABLE notifications.mails (
    event_id   uuid PRIMARY KEY,
    order_id   uuid NOT NULL,
    kind       text NOT NULL,
    recipient  text NOT NULL,
    status     text NOT NULL,
    attempts   int NOT NULL,
    last_error text NULL,
    message_id text NULL,
    sent_at    timestamptz NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
