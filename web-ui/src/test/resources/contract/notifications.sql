-- Mirrors docs/contracts.md, schema "notifications": the one relation the web UI reads, with exactly the
-- contract's columns. In the real system notification-service owns it (a view over its mail ledger); module
-- tests create it as a plain table so they can write mails directly. The end-to-end tests (e2e-tests) run the
-- real service.
CREATE SCHEMA notifications;

CREATE TABLE notifications.order_mails (
    order_id   uuid NOT NULL,
    kind       text NOT NULL,
    status     text NOT NULL,
    attempts   int NOT NULL,
    last_error text NULL,
    sent_at    timestamptz NULL,
    created_at timestamptz NOT NULL
);
