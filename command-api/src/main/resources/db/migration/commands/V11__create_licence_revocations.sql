-- Orders whose licence keys are revoked (cancelled), written in the cancel's transaction with its
-- LicenceRevoked event. POST /api/licences/verify and GET /api/licences/revoked read it. The keys themselves
-- are recorded once, in the OrderPlaced event (commands.events, found by orders.placed_sequence).
CREATE TABLE commands.licence_revocations (
    order_id         uuid        PRIMARY KEY REFERENCES commands.orders (id),
    revoked_sequence bigint      NOT NULL UNIQUE,
    revoked_at       timestamptz NOT NULL,
    reason           text        NOT NULL,
    licence_keys     text[]      NOT NULL
);
