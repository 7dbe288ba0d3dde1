-- Keys before payment per licence (ADR 13, "Invoice customers and early keys"): on, an invoice order whose lines
-- all allow it gets its keys with the invoice instead of with the payment. Default off: keys on payment.
ALTER TABLE commands.products
    ADD COLUMN keys_before_payment boolean NOT NULL DEFAULT false;
-- The order's own copy, taken from the catalog at placement (OrderPlaced does not carry it, and a later change of the
-- catalog must not change an order placed before): the process folds it in with OrderPlaced.
ALTER TABLE commands.payment_processes
    ADD COLUMN keys_before_payment boolean NOT NULL DEFAULT false;
