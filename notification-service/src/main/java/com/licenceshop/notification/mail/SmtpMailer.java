package com.licenceshop.notification.mail;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Date;

/**
 * Hands mails to the SMTP server over pooled connections: each a multipart/alternative with a plain-text and
 * an HTML part, with the Message-ID derived from the event id.
 */
@Singleton
public class SmtpMailer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);
    private static final int OK = 250;

    private final Session session;
    private final SmtpConfiguration smtp;
    private final SmtpConnectionPool pool;
    private final Clock clock;

    SmtpMailer(Session session, SmtpConfiguration smtp, SmtpConnectionPool pool, Clock clock) {
        this.session = session;
        this.smtp = smtp;
        this.pool = pool;
        this.clock = clock;
    }

    /** Takes one of the pool's places (waits while all are in use): one sender sends its mails one after another. */
    public Sender sender() {
        try {
            return new Sender(pool.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an SMTP connection", e);
        }
    }

    /** How many SMTP connections this service opened so far. */
    public long connectionsOpened() {
        return pool.connectionsOpened();
    }

    /** A place in the pool, with the connection it holds. Close it to give the place (and the connection) back. */
    public final class Sender implements AutoCloseable {

        private SmtpConnectionPool.PooledConnection connection;

        private Sender(SmtpConnectionPool.PooledConnection pooled) {
            this.connection = pooled;
        }

        /**
         * Hands the mail to the server. A connection that carried a mail before is first checked with RSET,
         * which also clears what a failed mail may have left: a connection that fails it (the server closed it,
         * a proxy dropped it) is replaced by a fresh one before anything of the mail went out, so a stale pooled
         * connection costs no attempt and cannot send a mail twice. A failure on the fresh connection is the
         * send's failure.
         *
         * @throws MailSendException if the server did not accept the mail; {@link MailSendException#permanent()}
         *                           says whether trying again can help
         */
        public void send(MailIntent intent, RenderedMail mail) throws MailSendException {
            MimeMessage message;
            try {
                message = compose(intent, mail);
                // sets the headers, our Message-ID among them (Transport.send would do it, sendMessage does not)
                message.saveChanges();
            } catch (MessagingException | RuntimeException e) {
                throw SmtpFailures.classify(e);
            }
            try {
                if (connection != null && !stillOpen(connection)) {
                    LOG.info("pooled SMTP connection was stale; sending on a fresh one");
                    SmtpConnectionPool.discard(connection);
                    connection = null;
                }
                if (connection == null) {
                    connection = pool.open();
                }
                connection.transport.sendMessage(message, message.getAllRecipients());
                connection.mails++;
            } catch (MessagingException | RuntimeException e) {
                MailSendException failure = SmtpFailures.classify(e);
                if (!SmtpFailures.serverAnswered(e)) {
                    // the connection broke: the next mail gets a fresh one
                    SmtpConnectionPool.discard(connection);
                    connection = null;
                }
                throw failure;
            }
        }

        @Override
        public void close() {
            pool.release(connection);
            connection = null;
        }
    }

    private static boolean stillOpen(SmtpConnectionPool.PooledConnection connection) {
        try {
            return ((SMTPTransport) connection.transport).simpleCommand("RSET") == OK;
        } catch (MessagingException | RuntimeException e) {
            return false;
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
