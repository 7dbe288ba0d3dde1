package com.licenceshop.notification.mail;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands mails to the SMTP server over pooled connections: each a multipart/alternative with a plain-text and
 * an HTML part, with the Message-ID derived from the event id.
 */
@Singleton
public class SmtpMailer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);
    private static final int OK = 250;
    private static final String TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final int MAX_7BIT_LINE = 998;
    /**
     * A pooled connection idle this long is checked with RSET before its next mail; a shorter wait only with a look
     * at its socket. A close the server announced (FIN, 421) shows on the socket at once; RSET also finds a
     * connection that died silently (a NAT or proxy that forgot it), which takes longer than this to happen.
     */
    static final Duration RSET_AFTER = Duration.ofSeconds(1);

    private final Session session;
    private final SmtpConfig smtp;
    private final SmtpConnectionPool pool;
    private final Clock clock;
    /** the sender, parsed once (null if it does not parse: then each mail fails permanently, saying why) */
    private final InternetAddress from;

    SmtpMailer(Session session, SmtpConfig smtp, SmtpConnectionPool pool, Clock clock) {
        this.from = parsedOrNull(smtp.from());
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
        /** the connection carried this sender's last mail: the server just answered on it */
        private boolean justUsed;

        private Sender(SmtpConnectionPool.PooledConnection pooled) {
            this.connection = pooled;
        }

        /**
         * Hands the mail to the server. A connection from the pool is first checked: a look at its socket shows
         * whether the server closed it meanwhile (no round trip); one that waited {@link #RSET_AFTER} or more, or
         * whose last mail failed, is checked with RSET, which also clears what the failed mail left. A connection
         * that fails its check is replaced by a fresh one before anything of the mail went out, so a stale pooled
         * connection costs no attempt and cannot send a mail twice. The next mail of the same sender goes out on
         * the connection that just carried one, unchecked. A failure on a fresh connection is the send's failure.
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
                if (connection != null && !usable(connection)) {
                    LOG.info("pooled SMTP connection was stale; sending on a fresh one");
                    SmtpConnectionPool.discard(connection);
                    connection = null;
                }
                if (connection == null) {
                    connection = pool.open();
                }
                connection.transport.sendMessage(message, message.getAllRecipients());
                connection.mails++;
                connection.dirty = false;
                justUsed = true;
            } catch (MessagingException | RuntimeException e) {
                MailSendException failure = SmtpFailures.classify(e);
                if (!SmtpFailures.serverAnswered(e)) {
                    // the connection broke: the next mail gets a fresh one
                    SmtpConnectionPool.discard(connection);
                    connection = null;
                } else if (connection != null) {
                    connection.dirty = true;
                }
                justUsed = false;
                throw failure;
            }
        }

        private boolean usable(SmtpConnectionPool.PooledConnection pooled) {
            if (justUsed && !pooled.dirty) {
                return true;
            }
            if (pooled.dirty
                    || pooled.socket == null
                    || Duration.between(pooled.lastUsed, clock.instant()).compareTo(RSET_AFTER) >= 0) {
                return stillOpen(pooled);
            }
            return !SmtpConnectionPool.closedByPeer(pooled);
        }

        @Override
        public void close() {
            pool.release(connection);
            connection = null;
        }
    }

    private static InternetAddress parsedOrNull(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            return null;
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
        message.setFrom(from != null ? from : new InternetAddress(smtp.from(), true));
        // strict parsing: an address that is not one fails here, permanently, instead of at the server
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(intent.recipient(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));

        var text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        text.setHeader(TRANSFER_ENCODING, transferEncoding(mail.text()));
        var html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        html.setHeader(TRANSFER_ENCODING, transferEncoding(mail.html()));
        // alternative parts go from the plainest to the richest; clients show the last one they can
        var body = new MimeMultipart("alternative");
        body.addBodyPart(text);
        body.addBodyPart(html);
        message.setContent(body);
        return message;
    }

    /**
     * 7bit for ASCII text in lines of at most 998 characters (what the mails are), quoted-printable otherwise.
     * Named here, so that Jakarta Mail does not find it out by encoding each part once more before it sends it.
     */
    static String transferEncoding(String content) {
        int line = 0;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\n') {
                line = 0;
            } else if (c >= 128 || c == 0 || c == '\r' || ++line > MAX_7BIT_LINE) {
                return "quoted-printable";
            }
        }
        return "7bit";
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
