-- Seats per licence (issue 16): the seats of the licence keys issued with placements (OrderPlaced v2; 0 for v1
-- orders, which had no keys) and revoked (LicenceRevoked), per period like the other per-licence figures.
ALTER TABLE period_products
    ADD COLUMN seats_issued  bigint NOT NULL DEFAULT 0,
    ADD COLUMN seats_revoked bigint NOT NULL DEFAULT 0;

-- The seats each revocation revoked, per licence, keyed by the revocation's sequence: set-once (a redelivery
-- whose inbox row is gone counts nothing), and what a late period close moves to the next period. Part of the
-- model: a rebuild fills its own copy (ModelTables.NAMES).
CREATE TABLE licence_revocations (
    sequence bigint NOT NULL,
    sku      text   NOT NULL,
    seats    bigint NOT NULL,
    PRIMARY KEY (sequence, sku)
);

-- The views again (see V12), sales.current_product_summary with the seats at the end.
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

    CREATE OR REPLACE VIEW sales.order_status AS
    SELECT order_id,
           CASE WHEN cancelled THEN 'CANCELLED' ELSE 'PLACED' END AS status,
           counted_at
    FROM sales.orders;
END
$$;

SELECT create_views();
