-- Staff manage the catalog (issue 13): a licence is ON_SALE or RETIRED (never deleted: orders and figures
-- keep naming it), and carries a version, +1 per change or retirement, that is its ETag: a change applies
-- only to the version the editor saw (conditional UPDATE ... WHERE version = ?). The seeded licences are
-- version 1, on sale.
ALTER TABLE commands.products
    ADD COLUMN status  text   NOT NULL DEFAULT 'ON_SALE' CHECK (status IN ('ON_SALE', 'RETIRED')),
    ADD COLUMN version bigint NOT NULL DEFAULT 1 CHECK (version >= 1),
    ALTER COLUMN description DROP NOT NULL,
    -- the list is sorted by price, then sku; the seeds' positions are kept but no longer needed
    ALTER COLUMN position DROP NOT NULL,
    ADD CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    ADD CONSTRAINT products_price_limit CHECK (unit_price_cents <= 100000000);
