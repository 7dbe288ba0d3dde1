-- The read views, defined once here (Flyway runs a repeatable migration again whenever this file changes, after the
-- versioned ones): change a view by editing this file, not with a new V migration. The views read the model
-- tables by name, so a rebuild's table swap (TableSwap) calls create_views() again to point them at the new tables.
-- V9, V12, V13 and V14 hold earlier versions of this function and stay as they ran (Flyway checks their checksums).
CREATE OR REPLACE FUNCTION create_views() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    CREATE OR REPLACE VIEW sales.current_summary AS
    WITH current_period AS (
        SELECT start_sequence, started_at FROM sales.periods ORDER BY start_sequence DESC LIMIT 1
    )
    SELECT p.start_sequence                AS period_start_sequence,
           p.started_at                    AS period_started_at,
           COALESCE(t.orders, 0)::bigint   AS orders,
           COALESCE(t.licences, 0)::bigint AS licences,
           COALESCE(t.revenue_cents, 0)::bigint AS revenue_cents,
           s.currency                      AS currency,
           s.position                      AS position,
           s.last_event_at                 AS last_event_at,
           s.updated_at                    AS updated_at
    FROM current_period p
    CROSS JOIN sales.projection_position s
    LEFT JOIN sales.period_totals t ON t.period_start = p.start_sequence;

    -- a licence under its current name (ProductAdded/ProductChanged); the name at order time if none is known;
    -- seats of the licence keys issued (OrderPlaced v2) and revoked (LicenceRevoked), added at the end (V13)
    CREATE OR REPLACE VIEW sales.current_product_summary AS
    SELECT p.sku, COALESCE(n.name, p.name) AS name, p.orders, p.licences, p.revenue_cents,
           p.seats_issued, p.seats_revoked
    FROM sales.period_products p
    LEFT JOIN sales.product_names n ON n.sku = p.sku
    WHERE p.period_start = (SELECT max(start_sequence) FROM sales.periods)
      AND (p.orders <> 0 OR p.licences <> 0 OR p.revenue_cents <> 0 OR p.seats_issued <> 0 OR p.seats_revoked <> 0);

    CREATE OR REPLACE VIEW sales.current_minute_summary AS
    SELECT minute, orders, revenue_cents
    FROM sales.period_minutes
    WHERE period_start = (SELECT max(start_sequence) FROM sales.periods)
      AND (orders <> 0 OR revenue_cents <> 0);

    -- payment_status (V14): null for an order without a payment step (keys at placement), else how far its
    -- payment got, the furthest step seen winning (so late or repeated events do not move it back)
    CREATE OR REPLACE VIEW sales.order_status AS
    SELECT o.order_id,
           CASE WHEN o.cancelled THEN 'CANCELLED' ELSE 'PLACED' END AS status,
           o.counted_at,
           CASE WHEN p.order_id IS NULL THEN NULL
                WHEN p.refunded_cents > 0 THEN 'REFUNDED'
                WHEN p.refund_requested THEN 'REFUNDING'
                WHEN p.paid_cents > 0 AND p.keys_issued THEN 'KEYS_ISSUED'
                WHEN p.paid_cents > 0 THEN 'PAID'
                WHEN p.expired THEN 'EXPIRED'
                WHEN p.failed_attempt > 0 AND p.failed_attempt >= p.requested_attempt THEN 'FAILED'
                WHEN p.requested_attempt > 0 OR p.invoice_number IS NOT NULL THEN 'AWAITING_PAYMENT'
                ELSE 'PLACED' END AS payment_status
    FROM sales.orders o
    LEFT JOIN sales.order_payments p ON p.order_id = o.order_id;

    -- outstanding: asked and not yet received of orders neither paid, expired nor cancelled
    CREATE OR REPLACE VIEW sales.current_payment_summary AS
    WITH current_period AS (SELECT max(start_sequence) AS start_sequence FROM sales.periods)
    SELECT COALESCE((SELECT t.revenue_cents FROM sales.period_totals t, current_period c
                     WHERE t.period_start = c.start_sequence), 0)::bigint AS booked_cents,
           COALESCE(sum(p.paid_cents), 0)::bigint AS paid_cents,
           COALESCE(sum(CASE WHEN p.paid_cents = 0 AND NOT p.expired AND NOT o.cancelled
                             THEN GREATEST(p.due_cents - p.received_cents, 0) ELSE 0 END), 0)::bigint AS outstanding_cents,
           COALESCE(sum(p.refunded_cents), 0)::bigint AS refunded_cents,
           COALESCE(sum(GREATEST(p.received_cents - p.due_cents, 0)) FILTER (WHERE p.method = 'INVOICE'), 0)::bigint AS overpaid_cents,
           count(*) FILTER (WHERE p.paid_cents = 0 AND NOT p.expired AND NOT o.cancelled)::bigint AS orders_awaiting_payment
    FROM sales.order_payments p
    JOIN sales.orders o ON o.order_id = p.order_id AND o.placed
    CROSS JOIN current_period c
    WHERE o.placed_sequence > c.start_sequence;
END
$$;

SELECT create_views();
