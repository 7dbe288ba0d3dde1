-- One row per Idempotency-Key, written in the order's transaction, with the response the client got.
CREATE TABLE commands.idempotency_keys (
    key             text PRIMARY KEY,
    request_hash    text        NOT NULL,
    order_id        uuid        NULL,
    response_status int         NULL,
    response_body   jsonb       NULL,
    created_at      timestamptz NOT NULL
);

CREATE INDEX idempotency_keys_created_at ON commands.idempotency_keys (created_at);
