-- What the web UI reads of the ledger (docs/contracts.md): the mails of an order and how far they got. The
-- ledger table itself stays private to this service, so its other columns (recipient, message id, retry
-- bookkeeping) may change without touching the web UI.
CREATE VIEW notifications.order_mails AS
SELECT order_id, kind, status, attempts, last_error, sent_at, created_at
FROM notifications.mails;
