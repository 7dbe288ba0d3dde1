-- The payment process loads an order's history by its aggregate id (ADR 13): one index, used by nothing else that hot.
CREATE INDEX events_aggregate ON commands.events (aggregate_id, sequence);
-- What the invoice needs of an invoice buyer (not part of OrderPlaced), and the hosted page of the newest checkout.
ALTER TABLE commands.payment_processes
    ADD COLUMN company         text NULL,
    ADD COLUMN billing_address text NULL,
    ADD COLUMN checkout_url    text NULL;
