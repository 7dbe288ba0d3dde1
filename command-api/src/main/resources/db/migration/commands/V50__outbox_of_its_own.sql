-- The relay's work list apart from the wide event rows (ADR 11). Stamping published_at rewrote the whole event row,
-- payload included, and added an entry to every index of it (never a HOT update: the unpublished index covers the
-- column): ~2,050 bytes of WAL per event against ~1,190 with a row of a few bytes inserted and deleted here.
-- commands.events is insert-only from now on.
CREATE TABLE commands.outbox (
    sequence   bigint PRIMARY KEY,
    attempts   integer NOT NULL DEFAULT 0,
    last_error text NULL
);

-- Every writer of commands.events (order batches, payment steps, catalog changes, the ops tools) fills the list by
-- inserting the event alone: one statement-level call per INSERT, none per row, so no writer can forget.
CREATE FUNCTION commands.enqueue_for_relay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO commands.outbox (sequence) SELECT sequence FROM inserted_events;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_enqueue_for_relay AFTER INSERT ON commands.events
    REFERENCING NEW TABLE AS inserted_events FOR EACH STATEMENT EXECUTE FUNCTION commands.enqueue_for_relay();

-- What the previous relay had not published yet moves over; the rest of its columns stay for one release so a
-- relay of the previous version, still running during a rolling update, sees nothing to publish (new rows are
-- stamped by the default) instead of publishing everything again. A later migration drops them.
INSERT INTO commands.outbox (sequence, attempts, last_error)
    SELECT sequence, attempts, last_error FROM commands.events WHERE published_at IS NULL;
UPDATE commands.events SET published_at = now() WHERE published_at IS NULL;
ALTER TABLE commands.events ALTER COLUMN published_at SET DEFAULT 'epoch';
