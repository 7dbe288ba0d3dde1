package com.licenceshop.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferEncodingTest {

    @Test
    void asciiInShortLinesGoesOutAs7Bit() {
        assertThat(SmtpMailer.transferEncoding("Hello,\nyour order is confirmed.\n" + "x".repeat(998) + "\n"))
                .isEqualTo("7bit");
    }

    @Test
    void anythingElseGoesOutQuotedPrintable() {
        assertThat(SmtpMailer.transferEncoding("Grüße")).isEqualTo("quoted-printable");
        assertThat(SmtpMailer.transferEncoding("1,500.00 €")).isEqualTo("quoted-printable");
        assertThat(SmtpMailer.transferEncoding("x".repeat(999))).isEqualTo("quoted-printable");
        assertThat(SmtpMailer.transferEncoding("a bare\rCR")).isEqualTo("quoted-printable");
    }
}
