-- Revoked licence keys by fingerprint (lower-case hex SHA-256 of the key text), one row per key: POST
-- /api/licences/verify looks a key up here, and GET /api/licences/revoked (anonymous) lists fingerprints, never
-- an order id or a key (a version 1 key carries its order id). Written in the cancel's transaction with its
-- LicenceRevoked event, which keeps the order id and the keys for the consumers.
CREATE TABLE commands.revoked_licence_keys (
    fingerprint      text        PRIMARY KEY CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    revoked_sequence bigint      NOT NULL,
    revoked_at       timestamptz NOT NULL,
    reason           text        NOT NULL
);
CREATE INDEX revoked_licence_keys_by_sequence ON commands.revoked_licence_keys (revoked_sequence);

INSERT INTO commands.revoked_licence_keys (fingerprint, revoked_sequence, revoked_at, reason)
SELECT encode(sha256(convert_to(k.key, 'UTF8')), 'hex'), r.revoked_sequence, r.revoked_at, r.reason
FROM commands.licence_revocations r, unnest(r.licence_keys) AS k(key)
ON CONFLICT (fingerprint) DO NOTHING;

DROP TABLE commands.licence_revocations;
