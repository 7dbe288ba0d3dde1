-- One purchase as the command API stores it: idempotency key, event row (~400 bytes of JSON), order, line.
\set r random(1, 9000000000000000)
BEGIN;
INSERT INTO commands.idempotency_keys (key, request_hash, order_id, response_status, response_body, created_at)
  VALUES (md5(:r || '-' || :client_id), md5(:r::text), md5(:client_id || '-' || :r)::uuid, 202,
          '{"orderId":"6b1d3c3e-2a6f-4a57-9e5b-1f0a2c3d4e5f","status":"ACCEPTED"}', now());
INSERT INTO commands.events (event_id, type, schema_version, aggregate_id, occurred_at, correlation_id, payload)
  VALUES (gen_random_uuid(), 'OrderPlaced', 1, md5(:client_id || '-' || :r), now(), md5(:r::text),
          '{"eventId":"0d6b6c8e-3f5a-4c1e-9a7b-2b3c4d5e6f70","sequence":1,"occurredAt":"2026-12-01T18:00:00.000Z","orderId":"6b1d3c3e-2a6f-4a57-9e5b-1f0a2c3d4e5f","customerEmail":"load-1-1@example.com","currency":"EUR","lines":[{"sku":"PROFESSIONAL","name":"Professional","quantity":2,"unitPriceCents":150000,"lineTotalCents":300000}],"totalCents":300000}');
INSERT INTO commands.orders (id, customer_email, currency, total_cents, status, placed_at, placed_sequence)
  VALUES (md5(:client_id || '-' || :r)::uuid, 'load-1-1@example.com', 'EUR', 300000, 'PLACED', now(), currval('commands.event_sequence'));
INSERT INTO commands.order_lines (order_id, line_no, sku, name, quantity, unit_price_cents, line_total_cents)
  VALUES (md5(:client_id || '-' || :r)::uuid, 1, 'PROFESSIONAL', 'Professional', 2, 150000, 300000);
END;
