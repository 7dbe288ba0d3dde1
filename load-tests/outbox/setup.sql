-- commands.events (V6, V7) and commands.outbox (V50) with the same columns and indexes, names shortened.
DROP TABLE IF EXISTS ev, outbox CASCADE; DROP SEQUENCE IF EXISTS evseq;
CREATE SEQUENCE evseq;
CREATE TABLE ev (sequence bigint PRIMARY KEY DEFAULT nextval('evseq'), event_id uuid NOT NULL UNIQUE, type text NOT NULL, schema_version int NOT NULL,
 aggregate_id text NOT NULL, occurred_at timestamptz NOT NULL, correlation_id text, payload jsonb NOT NULL, published_at timestamptz, attempts int NOT NULL DEFAULT 0,
 last_error text, traceparent text, tracestate text);
CREATE INDEX ev_agg ON ev (aggregate_id, sequence);
CREATE INDEX ev_unpub ON ev (sequence) WHERE published_at IS NULL;
CREATE TABLE outbox (sequence bigint PRIMARY KEY, attempts int NOT NULL DEFAULT 0, last_error text);
