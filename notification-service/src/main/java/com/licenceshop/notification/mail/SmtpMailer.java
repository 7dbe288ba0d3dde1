package com.licenceshop.notification.mail;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Date;

/** Hands one mail to the SMTP server: a multipart/alternative with a plain-text and an HTML part. */
@Singleton
public class SmtpMailer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final Session session;
    private final SmtpConfiguration smtp;
    private final Clock clock;

    SmtpMailer(Session session, SmtpConfiguration smtp, Clock clock) {
        this.session = session;
        this.smtp = smtp;
        this.clock = clock;
    }

    /**
     * Hands the mail to the server and, once the server accepted it, runs {@code whenAccepted} before saying
     * goodbye (QUIT): the record of the send is written as soon as it can be, and a connection that breaks
     * after the acceptance does not count as a failed send (which would send the mail twice).
     *
     * @throws MailSendException if the server did not accept the mail; {@link MailSendException#permanent()}
     *                           says whether trying again can help. Failures of {@code whenAccepted} propagate.
     */
    public void send(MailIntent intent, RenderedMail mail, Runnable whenAccepted) throws MailSendException {
        Transport transport = null;
        try {
            MimeMessage message = compose(intent, mail);
            // sets the headers, our Message-ID among them (Transport.send would do it, sendMessage does not)
            message.saveChanges();
            transport = session.getTransport("smtp");
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            close(transport);
            throw SmtpFailures.classify(e);
        }
        try {
            whenAccepted.run();
        } finally {
            close(transport);
        }
    }

    private static void close(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("SMTP connection did not close cleanly: {}", e.getMessage());
        }
    }

    private MimeMessage compose(MailIntent intent, RenderedMail mail) throws MessagingException {
        var message = new EventMimeMessage(session, intent.messageId());
        message.setFrom(new InternetAddress(smtp.from(), true));
        // strict parsing: an address that is not one fails here, permanently, instead of at the server
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(intent.recipient(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));

        var text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        var html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        // alternative parts go from the plainest to the richest; clients show the last one they can
        var body = new MimeMultipart("alternative");
        body.addBodyPart(text);
        body.addBodyPart(html);
        message.setContent(body);
        return message;
    }

    /** Keeps the Message-ID we chose: {@code saveChanges} would otherwise generate a fresh one per attempt. */
    private static final class EventMimeMessage extends MimeMessage {

        private final String messageId;

        EventMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
