-- Sales periods, named by the sequence they start after: 0 for the first, the close event's sequence for the
-- others. An order belongs to the period with the greatest start below its placement sequence.
CREATE TABLE periods (
    start_sequence bigint PRIMARY KEY,
    started_at     timestamptz NULL,
    close_event_id uuid        NULL
);
INSERT INTO periods (start_sequence) VALUES (0);
