-- Retention deletes sent and failed mails by age (LedgerRetention): find them without reading the whole ledger.
CREATE INDEX mails_created_at_idx ON notifications.mails (created_at);
