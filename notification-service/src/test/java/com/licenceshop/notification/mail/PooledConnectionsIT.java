package com.licenceshop.notification.mail;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.support.ReceivedMails;
import com.licenceshop.notification.support.RunningService;
import com.licenceshop.testsupport.TcpProxy;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The service reaches GreenMail through a {@link TcpProxy}, so a test can break the pooled connections. */
@MicronautTest(transactional = false)
class PooledConnectionsIT extends RunningService {

    private final TcpProxy proxy = TcpProxy.start("127.0.0.1", smtpPort);

    @Inject
    SmtpMailer mailer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("shop.smtp.port", String.valueOf(proxy.port()));
        properties.put("shop.notification.concurrency", "2");
        return properties;
    }

    @AfterAll
    void stopProxy() {
        proxy.close();
    }

    @Test
    void manyMailsShareAFewConnections() {
        List<OrderPlaced> orders = IntStream.range(0, 50)
                .mapToObj(i -> anOrderBy("many" + i + "@example.com", starter(1)))
                .toList();
        long openedBefore = mailer.connectionsOpened();

        orders.forEach(broker::publish);

        await("all sent")
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        orders.stream().allMatch(o -> rows.statusOf(o.eventId()).equals("SENT")));
        assertThat(mailer.connectionsOpened() - openedBefore)
                .as("connections opened for 50 mails with 2 senders")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void aPooledConnectionCarriesTheNextMailWithoutAnRsetFirst() {
        List<OrderPlaced> orders = IntStream.range(0, 40)
                .mapToObj(i -> anOrderBy("norset" + i + "@example.com", starter(1)))
                .toList();
        long rsetsBefore = proxy.timesClientSent("RSET");

        orders.forEach(broker::publish);

        await("all sent")
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        orders.stream().allMatch(o -> rows.statusOf(o.eventId()).equals("SENT")));
        // at most one RSET per connection (2 senders), for a connection that waited in the pool a second or more
        assertThat(proxy.timesClientSent("RSET") - rsetsBefore)
                .as("RSETs for 40 mails over 2 connections")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void aServerClosedConnectionIsReplacedAndMailGoesOnceFirstTry() {
        OrderPlaced first = anOrderBy("first@example.com", starter(1));
        broker.publish(first);
        await("first sent")
                .atMost(Duration.ofSeconds(20))
                .until(() -> rows.statusOf(first.eventId()).equals("SENT"));
        long opened = mailer.connectionsOpened();

        proxy.cut(); // every open connection drops, as when the server closes idle connections
        proxy.restore();
        OrderPlaced second = anOrderBy("second@example.com", starter(2));
        broker.publish(second);

        await("second sent")
                .atMost(Duration.ofSeconds(20))
                .until(() -> rows.statusOf(second.eventId()).equals("SENT"));
        assertThat(rows.of(second.eventId()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(rows.of(second.eventId()).orElseThrow().lastError()).isNull();
        assertThat(mailer.connectionsOpened()).as("one new connection").isEqualTo(opened + 1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ReceivedMails.forEvent(smtp, second.eventId()).size() == 1);
    }

    @Test
    void aDropAfterTheDataRetriesTheMailWithItsMessageId() {
        OrderPlaced order = anOrderBy("dropped@example.com", starter(3));

        proxy.dropOnceAfterClientSent("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        broker.publish(order);

        await("sent after a retry")
                .atMost(Duration.ofSeconds(20))
                .until(() -> rows.statusOf(order.eventId()).equals("SENT"));
        var row = rows.of(order.eventId()).orElseThrow();
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.lastError()).as("the first attempt's failure").isNotBlank();
        // the server kept the first copy (it got all of it); the resend carries the same Message-ID
        List<MimeMessage> copies = ReceivedMails.forEvent(smtp, order.eventId());
        assertThat(copies).hasSize(2);
        assertThat(copies).extracting(ReceivedMails::messageIdOf).containsOnly(MessageIds.forEvent(order.eventId()));
    }

    @Test
    void oneRecipientsPermanentRefusalFailsOnlyThatMailOfTheBatch() {
        List<OrderPlaced> orders = IntStream.range(0, 30)
                .mapToObj(i -> anOrderBy("batch" + i + "@example.com", starter(1)))
                .toList();
        OrderPlaced refused = orders.get(13);
        proxy.answerLine(
                "RCPT TO:<" + refused.customerEmail() + ">",
                "550 5.1.1 <" + refused.customerEmail() + ">: no such user");
        try {
            orders.forEach(broker::publish);

            await("all settled")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> orders.stream()
                            .allMatch(o -> !rows.statusOf(o.eventId()).equals("PENDING")
                                    && !rows.statusOf(o.eventId()).equals("NONE")));
        } finally {
            proxy.answerLine(null, null);
        }
        var failed = rows.of(refused.eventId()).orElseThrow();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).startsWith("permanent: SMTP 550");
        await("parked")
                .atMost(Duration.ofSeconds(10))
                .until(() -> broker.peekDeadLetters().stream()
                        .anyMatch(m ->
                                refused.eventId().toString().equals(m.getProps().getMessageId())));
        assertThat(orders).filteredOn(o -> o != refused).allSatisfy(o -> {
            assertThat(rows.statusOf(o.eventId())).isEqualTo("SENT");
            assertThat(rows.of(o.eventId()).orElseThrow().attempts()).isEqualTo(1);
            assertThat(ReceivedMails.forEvent(smtp, o.eventId())).hasSize(1);
        });
        assertThat(ReceivedMails.forEvent(smtp, refused.eventId())).isEmpty();
    }
}
