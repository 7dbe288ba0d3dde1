package com.licenceshop.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.licenceshop.notification.mail.MessageIds;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads what the SMTP server received, decoded as a mail client would. */
public final class ReceivedMails {

    private ReceivedMails() {}

    /** Every mail the server received for this event (found by the Message-ID derived from the event id). */
    public static List<MimeMessage> forEvent(GreenMail smtp, UUID eventId) {
        String messageId = MessageIds.forEvent(eventId);
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> messageId.equals(messageIdOf(m)))
                .toList();
    }

    public static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded content of the part with this MIME type (e.g. text/plain) of a multipart mail. */
    public static String part(MimeMessage message, String mimeType) {
        try {
            Multipart multipart = (Multipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(mimeType)) {
                    // SMTP carries CRLF line ends; compare with what the template wrote
                    return ((String) part.getContent()).replace("\r\n", "\n");
                }
            }
            throw new AssertionError("no " + mimeType + " part in " + message.getContentType());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable mail", e);
        }
    }
}
