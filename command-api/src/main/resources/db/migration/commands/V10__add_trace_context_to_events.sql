-- The W3C trace context of the request that stored the event (docs/contracts.md): the relay's publish span is its
-- child, so the messages carry the purchase's trace to every consumer, and a replay months later still finds it.
-- Nullable without a default: instant on a large table, and rows stored before tracing simply have none.
ALTER TABLE commands.events
    ADD COLUMN traceparent text,
    ADD COLUMN tracestate text;
