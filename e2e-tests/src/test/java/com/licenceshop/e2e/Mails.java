package com.licenceshop.e2e;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** Reads what a mail says, decoded, the way a mail client shows it. */
final class Mails {

    private Mails() {}

    /** The order id a mail is about: the first UUID in its text. */
    static String orderIdIn(jakarta.mail.internet.MimeMessage mail) {
        var matcher = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .matcher(text(mail));
        return matcher.find() ? matcher.group() : "no order id";
    }

    /** Subject and every text part (plain and HTML), decoded from their transfer encoding. */
    static String text(Part part) {
        try {
            StringBuilder text = new StringBuilder();
            if (part instanceof jakarta.mail.Message message && message.getSubject() != null) {
                text.append(message.getSubject()).append('\n');
            }
            appendText(part, text);
            return text.toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable mail", e);
        }
    }

    private static void appendText(Part part, StringBuilder text) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                appendText(child, text);
            }
        } else if (content instanceof String string) {
            text.append(string).append('\n');
        }
    }
}
