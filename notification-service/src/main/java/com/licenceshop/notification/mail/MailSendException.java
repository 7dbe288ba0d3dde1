package com.licenceshop.notification.mail;

/** The mail server did not take a mail. {@link #permanent()} failures fail again however often they are retried. */
public final class MailSendException extends Exception {

    private final boolean permanent;

    MailSendException(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
