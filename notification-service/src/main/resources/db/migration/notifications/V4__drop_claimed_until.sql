-- The claim on a mail is now a transaction-scoped advisory lock held while the mail is sent (see MailLedger):
-- it ends with the process that held it, so a crashed instance no longer blocks a mail until a lease expires.
ALTER TABLE notifications.mails DROP COLUMN claimed_until;
