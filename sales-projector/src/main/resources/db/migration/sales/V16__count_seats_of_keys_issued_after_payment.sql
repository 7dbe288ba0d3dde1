-- The seats of the keys a paid order got later (LicencesIssued, ADR 13), per licence, keyed by that event's
-- sequence: counted once, in the period of the sequence, and moved by a late period close, as licence_revocations
-- (V13). Part of the model: a rebuild fills its own copy (ModelTables.NAMES).
CREATE TABLE licence_issuances (
    sequence bigint NOT NULL,
    sku      text   NOT NULL,
    seats    bigint NOT NULL,
    PRIMARY KEY (sequence, sku)
);

-- Owned by whoever owns the rest of the model, as order_payments (V15 says why).
DO $$
DECLARE
    model_owner name := (SELECT tableowner FROM pg_tables WHERE schemaname = 'sales' AND tablename = 'orders');
BEGIN
    IF model_owner IS NOT NULL THEN
        EXECUTE format('ALTER TABLE sales.licence_issuances OWNER TO %I', model_owner);
    END IF;
END
$$;
