-- The payment mails (ADR 13): the invoice, its reminders and the refund. The keys of a paid order go out as
-- ORDER_CONFIRMATION (on LicencesIssued), so the web UI's "confirmation mail sent" step keeps its meaning.
ALTER TABLE notifications.mails DROP CONSTRAINT mails_kind_check;
ALTER TABLE notifications.mails ADD CONSTRAINT mails_kind_check
    CHECK (kind IN ('ORDER_CONFIRMATION', 'CANCELLATION', 'INVOICE', 'PAYMENT_REMINDER', 'REFUND'));
