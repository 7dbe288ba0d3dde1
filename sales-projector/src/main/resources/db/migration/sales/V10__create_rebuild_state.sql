-- Progress of the last rebuild, shared by all instances (GET /ops/rebuild may hit another one than the
-- instance that runs it). Not part of the model: a rebuild does not swap it.
CREATE TABLE rebuild_state (
    id          smallint PRIMARY KEY CHECK (id = 1),
    state       text        NOT NULL,
    phase       text        NULL,
    done        bigint      NOT NULL,
    total       bigint      NULL,
    events_per_second double precision NULL,
    eta         timestamptz NULL,
    started_at  timestamptz NULL,
    finished_at timestamptz NULL,
    error       text        NULL,
    updated_at  timestamptz NULL
);
INSERT INTO rebuild_state (id, state, done) VALUES (1, 'IDLE', 0);
