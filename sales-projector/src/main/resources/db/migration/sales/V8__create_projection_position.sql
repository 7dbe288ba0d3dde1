-- How far the model is: the highest sequence applied and the newest event's time. Exactly one row.
CREATE TABLE projection_position (
    id            smallint PRIMARY KEY CHECK (id = 1),
    position      bigint      NOT NULL,
    last_event_at timestamptz NULL,
    currency      text        NOT NULL,
    updated_at    timestamptz NULL
);
INSERT INTO projection_position (id, position, currency) VALUES (1, 0, 'EUR');
