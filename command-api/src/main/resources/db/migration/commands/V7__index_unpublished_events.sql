-- The relay's work queue: small, because published rows leave it.
CREATE INDEX events_unpublished ON commands.events (sequence) WHERE published_at IS NULL;
