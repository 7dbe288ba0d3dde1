-- Event ids the projection has applied: a duplicate key is a redelivery (RabbitMQ is at-least-once).
-- The sequence lets a rebuild prove that its new tables hold every event the live ones had.
CREATE TABLE inbox (
    event_id   uuid PRIMARY KEY,
    sequence   bigint      NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
