package com.licenceshop.notification.ledger;

/** {@code notifications.mails.status}. */
public enum MailStatus {
    /** Not sent yet: being sent, waiting for a retry, or (after a crash during the send) in doubt. */
    PENDING,
    /** The mail server accepted it. Final: nothing is ever sent again for this event. */
    SENT,
    /** Given up and parked in the dead-letter queue; only a re-drive tries again. */
    FAILED
}
