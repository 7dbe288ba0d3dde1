package com.licenceshop.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

class SmtpFailuresTest {

    @Test
    void aServerThatCannotBeReachedIsWorthRetrying() {
        var refused = new MailConnectException(new SocketConnectException(
                "refused", new ConnectException("Connection refused"), "localhost", 1025, 3000));

        MailSendException failure = SmtpFailures.classify(refused);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.getMessage()).contains("localhost").contains("1025");
    }

    @Test
    void aRecipientTheServerRejectsWith5xxIsNotRetried() throws Exception {
        var rejected = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(
                        new InternetAddress("nobody@example.com"),
                        "RCPT TO:<nobody@example.com>",
                        550,
                        "550 5.1.1 no such user"));

        MailSendException failure = SmtpFailures.classify(rejected);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.getMessage()).startsWith("SMTP 550");
    }

    @Test
    void aServerThatSaysTryLaterWith4xxIsRetried() {
        var later = new SMTPSendFailedException("DATA", 451, "451 4.3.0 try again later", null, null, null, null);

        assertThat(SmtpFailures.classify(later).permanent()).isFalse();
    }

    @Test
    void anAddressThatIsNoAddressIsNotRetried() {
        assertThat(SmtpFailures.classify(new AddressException("Missing final '@domain'", "not-an-address"))
                        .permanent())
                .isTrue();
    }

    @Test
    void anyOtherMessagingFailureIsRetried() {
        assertThat(SmtpFailures.classify(new MessagingException("Exception reading response"))
                        .permanent())
                .isFalse();
    }
}
