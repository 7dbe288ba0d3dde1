package com.licenceshop.notification.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Tells a failure that may pass (server down, timeout, 4xx "try later") from one that will not (an address
 * that is not one, a 5xx reply). Plain Java over the Jakarta Mail exception types.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    static MailSendException classify(Exception failure) {
        Integer code = replyCode(failure);
        if (failure instanceof AddressException) {
            return new MailSendException("invalid address: " + failure.getMessage(), true, failure);
        }
        if (code != null) {
            String reason = "SMTP " + code + ": " + oneLine(failure.getMessage());
            return new MailSendException(reason, code >= 500 && code < 600, failure);
        }
        if (failure instanceof SendFailedException sendFailed
                && sendFailed.getInvalidAddresses() != null
                && sendFailed.getInvalidAddresses().length > 0) {
            return new MailSendException("invalid recipient: " + oneLine(failure.getMessage()), true, failure);
        }
        return new MailSendException(describe(failure), false, failure);
    }

    /** Whether the server answered the failed step with a reply (the connection itself is then still fine). */
    static boolean serverAnswered(Exception failure) {
        return replyCode(failure) != null;
    }

    /** The SMTP reply code of the failure or of the first failure it chains to, if the server answered at all. */
    private static Integer replyCode(Exception failure) {
        Exception current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof SMTPAddressFailedException e) {
                return e.getReturnCode();
            }
            if (current instanceof SMTPSenderFailedException e) {
                return e.getReturnCode();
            }
            if (current instanceof SMTPSendFailedException e) {
                return e.getReturnCode();
            }
            current = current instanceof MessagingException m ? m.getNextException() : null;
        }
        return null;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(oneLine(failure.getMessage()));
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            text.append(" (")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(oneLine(cause.getMessage()))
                    .append(')');
        }
        return text.toString();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
