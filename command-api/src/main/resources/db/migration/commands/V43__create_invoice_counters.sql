-- Gapless invoice numbers per year (ADR 8): the counter row is incremented inside the invoice's own transaction,
-- so a rollback gives the number back and concurrent issuers of one year wait for each other. A sequence would
-- leave gaps (nextval is never rolled back).
CREATE TABLE commands.invoice_counters (
    year        integer PRIMARY KEY,
    last_number bigint  NOT NULL CHECK (last_number > 0)
);
CREATE TABLE commands.invoices (
    invoice_number text        PRIMARY KEY,
    order_id       uuid        NOT NULL UNIQUE REFERENCES commands.orders (id),
    year           integer     NOT NULL,
    running_number bigint      NOT NULL,
    issue_date     date        NOT NULL,
    due_date       date        NOT NULL,
    net_cents      bigint      NOT NULL,
    vat_rate_bp    integer     NOT NULL,
    vat_cents      bigint      NOT NULL,
    gross_cents    bigint      NOT NULL,
    currency       text        NOT NULL,
    issued_at      timestamptz NOT NULL,
    UNIQUE (year, running_number)
);
