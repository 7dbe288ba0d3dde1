-- order_payments belongs to whoever owns the rest of the model (sales.orders): the views, owned by that role, read
-- it with their owner's rights. Where the migrating role is that owner (every fresh database) this changes nothing;
-- on a database whose model another role owns, the views would otherwise be refused access to it.
DO $$
DECLARE
    model_owner name := (SELECT tableowner FROM pg_tables WHERE schemaname = 'sales' AND tablename = 'orders');
BEGIN
    IF model_owner IS NOT NULL AND model_owner <> (SELECT tableowner FROM pg_tables WHERE schemaname = 'sales' AND tablename = 'order_payments') THEN
        EXECUTE format('ALTER TABLE sales.order_payments OWNER TO %I', model_owner);
    END IF;
END
$$;
