package com.licenceshop.notification.mail;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Properties;

@Factory
class SmtpSessionFactory {

    /**
     * A session of this application context's own: {@code Session.getInstance}, not {@code getDefaultInstance},
     * which caches one session per JVM and would send a second context's mail to the first one's server.
     */
    /** Angus Mail's stream provider, the one the ServiceLoader would find. */
    static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    @Singleton
    Session smtpSession(SmtpConfig smtp) {
        // Jakarta Mail 2.1 looks its StreamProvider up anew for every part it encodes, through a ServiceLoader
        // scan of the whole classpath: measured, a quarter of the CPU per mail. Named by this property, the
        // lookup is a Class.forName. JVM-wide, and it names what the scan would have found.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", STREAM_PROVIDER);
        }
        var properties = new Properties();
        String timeout = String.valueOf(smtp.timeout().toMillis());
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        // an SMTP exchange is a dialogue of small writes; Nagle's algorithm would hold back each last one
        properties.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        properties.put("mail.smtp.socketFactory.fallback", "false");
        if (smtp.starttls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (!smtp.authenticated()) {
            return Session.getInstance(properties);
        }
        properties.put("mail.smtp.auth", "true");
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.username(), smtp.password() == null ? "" : smtp.password());
            }
        });
    }
}
