-- The event store, which is also the outbox: a row is written in the same transaction as the change it
-- describes; the relay publishes rows with published_at IS NULL and stamps them after the broker confirmed.
CREATE TABLE commands.events (
    sequence       bigint PRIMARY KEY DEFAULT nextval('commands.event_sequence'),
    event_id       uuid        NOT NULL UNIQUE,
    type           text        NOT NULL,
    schema_version int         NOT NULL,
    aggregate_id   text        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    correlation_id text        NULL,
    payload        jsonb       NOT NULL,
    published_at   timestamptz NULL,
    attempts       int         NOT NULL DEFAULT 0,
    last_error     text        NULL
);

ALTER SEQUENCE commands.event_sequence OWNED BY commands.events.sequence;
