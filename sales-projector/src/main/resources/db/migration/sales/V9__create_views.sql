-- The relations the web UI reads (docs/contracts.md). They live in a function because a rebuild swaps the
-- tables underneath (rename) and must re-create the views against the new ones in the same transaction.
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

    CREATE OR REPLACE VIEW sales.current_product_summary AS
    SELECT sku, name, orders, licences, revenue_cents
    FROM sales.period_products
    WHERE period_start = (SELECT max(start_sequence) FROM sales.periods)
      AND (orders <> 0 OR licences <> 0 OR revenue_cents <> 0);

    CREATE OR REPLACE VIEW sales.current_minute_summary AS
    SELECT minute, orders, revenue_cents
    FROM sales.period_minutes
    WHERE period_start = (SELECT max(start_sequence) FROM sales.periods)
      AND (orders <> 0 OR revenue_cents <> 0);

    CREATE OR REPLACE VIEW sales.order_status AS
    SELECT order_id,
           CASE WHEN cancelled THEN 'CANCELLED' ELSE 'PLACED' END AS status,
           counted_at
    FROM sales.orders;
END
$$;

SELECT create_views();
