-- ops list the failed mails (GET /ops/mails?status=FAILED); most rows are SENT, so index only the others
CREATE INDEX mails_unsent_idx ON notifications.mails (status, updated_at) WHERE status <> 'SENT';
