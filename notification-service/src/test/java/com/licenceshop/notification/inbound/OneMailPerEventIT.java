package com.licenceshop.notification.inbound;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.enterprise;
import static com.licenceshop.notification.support.OrderFixtures.professional;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static com.licenceshop.notification.support.OrderFixtures.theCancellationOf;
import static com.licenceshop.notification.support.OrderFixtures.withKeys;
import static com.licenceshop.notification.support.OrderFixtures.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.licenceshop.events.EventCodec;
import com.licenceshop.events.EventType;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.notification.mail.MessageIds;
import com.licenceshop.notification.support.ReceivedMails;
import com.licenceshop.notification.support.RunningService;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.LoggerFactory;

@MicronautTest(transactional = false)
class OneMailPerEventIT extends RunningService {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(20);

    @Test
    void oneOrderGivesOneMailWithRightRecipientSubjectLinesAndLink() throws Exception {
        OrderPlaced order = withToken(anOrderBy("ada@example.com", professional(2), starter(1)), "tok_en-1");

        broker.publish(order);

        MimeMessage mail = theOnlyMailFor(order.eventId());
        assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress("ada@example.com"));
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("Licence Shop <shop@licence-shop.local>"));
        // the subject names no order: it shows on lock screens and in mail logs
        assertThat(mail.getSubject()).isEqualTo("Your Licence Shop order is confirmed");
        assertThat(mail.getMessageID()).isEqualTo("<" + order.eventId() + "@licence-shop>");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();

        String text = ReceivedMails.part(mail, "text/plain");
        assertThat(text)
                .startsWith("Thank you for your order.\n\nOrder:  " + order.orderId() + "\nPlaced: ")
                .contains("""
                        UTC

                        2 x Professional (PROFESSIONAL) at 1,500.00 EUR: 3,000.00 EUR
                        1 x Starter (STARTER) at 500.00 EUR: 500.00 EUR

                        Total for 3 licences: 3,500.00 EUR
                        """)
                .contains("\nhttp://localhost:8080/orders/" + order.orderId() + "?token=tok_en-1\n")
                .doesNotContain("&");
        String html = ReceivedMails.part(mail, "text/html");
        assertThat(html)
                .contains("<strong>" + order.orderId() + "</strong>")
                .contains("<a href=\"http://localhost:8080/orders/" + order.orderId()
                        + "?token&#x3D;tok_en-1\" id=\"order-link\">")
                .contains(
                        "<td>Professional (PROFESSIONAL)</td><td align=\"right\">2</td><td align=\"right\">1,500.00 EUR</td>")
                .contains("<td>Starter (STARTER)</td><td align=\"right\">1</td>")
                .contains("Total for 3 licences</th><th align=\"right\">3,500.00 EUR</th>");

        await("recorded as sent")
                .atMost(MAIL_TIMEOUT)
                .until(() -> rows.statusOf(order.eventId()).equals("SENT"));
        var row = rows.of(order.eventId()).orElseThrow();
        assertThat(row.orderId()).isEqualTo(order.orderId());
        assertThat(row.kind()).isEqualTo("ORDER_CONFIRMATION");
        assertThat(row.recipient()).isEqualTo("ada@example.com");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.messageId()).isEqualTo(MessageIds.forEvent(order.eventId()));
        assertThat(row.sentAt()).isNotNull();
    }

    @Test
    void aSentMailsLogLineNamesTheOrderButNotTheRecipient() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger consumer = (Logger) LoggerFactory.getLogger(NotificationConsumer.class);
        consumer.addAppender(logged);
        try {
            OrderPlaced order = anOrderBy("private-person@example.com", starter(1));

            broker.publish(order);

            await("recorded as sent")
                    .atMost(MAIL_TIMEOUT)
                    .until(() -> rows.statusOf(order.eventId()).equals("SENT"));
            List<ILoggingEvent> lines = await("the line of the mail")
                    .atMost(MAIL_TIMEOUT)
                    .until(
                            () -> linesOf(logged, order),
                            found -> found.stream()
                                    .anyMatch(line -> line.getFormattedMessage().startsWith("sent ")));
            assertThat(lines)
                    .allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain("private-person"));
        } finally {
            consumer.detachAppender(logged);
        }
    }

    private static List<ILoggingEvent> linesOf(ListAppender<ILoggingEvent> logged, OrderPlaced order) {
        synchronized (logged) {
            return logged.list.stream()
                    .filter(line -> order.orderId()
                            .toString()
                            .equals(line.getMDCPropertyMap().get("orderId")))
                    .toList();
        }
    }

    @Test
    void theKeysAreInBothPartsOfOneMailEvenDeliveredTwice() throws Exception {
        OrderPlaced order = withKeys(anOrderBy("keys@example.com", professional(3), starter(1)));
        String professionalKey = order.licences().get(0).key();
        String starterKey = order.licences().get(1).key();

        broker.publish(order);
        broker.publish(order);

        MimeMessage mail = theOnlyMailFor(order.eventId());
        assertThat(ReceivedMails.part(mail, "text/plain"))
                .contains("Total for 4 licences: 5,000.00 EUR")
                .contains("Professional (PROFESSIONAL), 3 seats:\n" + professionalKey + "\n")
                .contains("Starter (STARTER), 1 seat:\n" + starterKey + "\n");
        assertThat(ReceivedMails.part(mail, "text/html"))
                .contains("<strong>Professional (PROFESSIONAL)</strong>, 3 seats:")
                .contains(">" + professionalKey + "</pre>")
                .contains(">" + starterKey + "</pre>");
        await("recorded as sent")
                .atMost(MAIL_TIMEOUT)
                .until(() -> rows.statusOf(order.eventId()).equals("SENT"));
        assertThat(ReceivedMails.forEvent(smtp, order.eventId())).hasSize(1);
    }

    @Test
    void oneLicenceReadsInTheSingular() throws Exception {
        OrderPlaced order = anOrderBy("one@example.com", starter(1));

        broker.publish(order);

        MimeMessage mail = theOnlyMailFor(order.eventId());
        assertThat(ReceivedMails.part(mail, "text/plain")).contains("Total for 1 licence: 500.00 EUR");
        assertThat(ReceivedMails.part(mail, "text/html")).contains("Total for 1 licence</th>");
    }

    @Test
    void aCancellationGivesOneCancellationMail() throws Exception {
        OrderPlaced order = anOrderBy("barbara@example.com", enterprise(2));
        OrderCancelled cancellation = theCancellationOf(order);

        broker.publish(cancellation);

        MimeMessage mail = theOnlyMailFor(cancellation.eventId());
        assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress("barbara@example.com"));
        assertThat(mail.getSubject()).isEqualTo("Your Licence Shop order was cancelled");
        assertThat(ReceivedMails.part(mail, "text/plain"))
                .contains("Order:     " + order.orderId() + "\nPlaced:    ")
                .contains("""
                        2 x Enterprise (ENTERPRISE) at 5,000.00 EUR: 10,000.00 EUR

                        Cancelled: 2 licences, 10,000.00 EUR
                        """);
        assertThat(ReceivedMails.part(mail, "text/html")).contains("Your order was cancelled");
        await("recorded as sent")
                .atMost(MAIL_TIMEOUT)
                .until(() -> rows.statusOf(cancellation.eventId()).equals("SENT"));
        assertThat(rows.of(cancellation.eventId()).orElseThrow().kind()).isEqualTo("CANCELLATION");
    }

    @Test
    void theSameEventDeliveredThreeTimesSendsOneMail() {
        OrderPlaced order = anOrderBy("grace@example.com", enterprise(1));

        broker.publish(order);
        broker.publish(order);
        broker.publish(order);

        theOnlyMailFor(order.eventId());
        await("every delivery handled").atMost(MAIL_TIMEOUT).until(this::queuesAreEmpty);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ReceivedMails.forEvent(smtp, order.eventId()).size() == 1);
        var row = rows.of(order.eventId()).orElseThrow();
        assertThat(row.status()).isEqualTo("SENT");
        assertThat(row.attempts())
                .as("one send attempt; the other deliveries found it claimed or sent")
                .isEqualTo(1);
    }

    @Test
    void aPoisonEventInABatchIsParkedAloneItsNeighboursMailed() {
        OrderPlaced first = anOrderBy("ada@example.com", starter(1));
        OrderPlaced notAnAddress = anOrderBy("not-an-address", starter(1));
        OrderPlaced last = anOrderBy("alan@example.com", professional(2));

        publishTogether(List.of(first, notAnAddress, last));

        theOnlyMailFor(first.eventId());
        theOnlyMailFor(last.eventId());
        // the poison event alone, as the message of its own it would have been; its neighbours not
        await("parked")
                .atMost(MAIL_TIMEOUT)
                .until(() -> deadLetterOf(notAnAddress.eventId().toString()).isPresent());
        GetResponse parked = deadLetterOf(notAnAddress.eventId().toString()).orElseThrow();
        assertThat(header(parked, MessageHeaders.DEAD_LETTER_REASON)).startsWith("permanent: invalid address");
        assertThat(parked.getProps().getHeaders()).doesNotContainKey(EventBatches.HEADER);
        assertThat(new EventCodec().decode(parked.getBody()).eventId()).isEqualTo(notAnAddress.eventId());
        assertThat(deadLetterOf(first.eventId().toString())).isEmpty();
        assertThat(deadLetterOf(last.eventId().toString())).isEmpty();
        assertThat(rows.statusOf(first.eventId())).isEqualTo("SENT");
        assertThat(rows.statusOf(last.eventId())).isEqualTo("SENT");
        await("every delivery handled").atMost(MAIL_TIMEOUT).until(this::queuesAreEmpty);
    }

    @Test
    void aMessageOfSeveralEventsDeliveredAgainSendsEachMailOnce() {
        List<OrderPlaced> orders = List.of(
                anOrderBy("barbara@example.com", starter(1)),
                anOrderBy("donald@example.com", enterprise(1)),
                anOrderBy("frances@example.com", professional(1)));

        publishTogether(orders);
        publishTogether(orders);
        broker.publish(orders.get(1));
        publishTogether(orders.subList(1, 3));

        orders.forEach(order -> theOnlyMailFor(order.eventId()));
        await("every delivery handled").atMost(MAIL_TIMEOUT).until(this::queuesAreEmpty);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> orders.stream()
                        .allMatch(order ->
                                ReceivedMails.forEvent(smtp, order.eventId()).size() == 1));
        assertThat(orders)
                .allSatisfy(order -> assertThat(
                                rows.of(order.eventId()).orElseThrow().attempts())
                        .isEqualTo(1));
    }

    @Test
    void anUnsplittableBatchIsParkedWholeWithTheReason() {
        String messageId = UUID.randomUUID().toString();
        var properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .contentType("application/json")
                .deliveryMode(2)
                .headers(Map.of(EventBatches.HEADER, 2))
                .build();

        broker.publish(
                EventType.ORDER_PLACED.routingKey(), properties, "[{\"messageId\":".getBytes(StandardCharsets.UTF_8));

        await("parked").atMost(MAIL_TIMEOUT).until(() -> deadLetterOf(messageId).isPresent());
        GetResponse parked = deadLetterOf(messageId).orElseThrow();
        assertThat(header(parked, MessageHeaders.DEAD_LETTER_REASON)).startsWith("unreadable batch");
        assertThat(header(parked, EventBatches.HEADER)).isEqualTo("2");
    }

    @Test
    void aSentMailIsAnnouncedOnMailSentWithItsOrderId() throws Exception {
        OrderPlaced order = anOrderBy("edsger@example.com", starter(3));
        try (Connection listener = database.connect()) {
            listener.createStatement().execute("LISTEN mail_sent");

            broker.publish(order);

            PGConnection pg = listener.unwrap(PGConnection.class);
            List<String> payloads = new ArrayList<>();
            await("NOTIFY mail_sent").atMost(MAIL_TIMEOUT).until(() -> {
                PGNotification[] notifications = pg.getNotifications(200);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        payloads.add(notification.getParameter());
                    }
                }
                return payloads.contains(order.orderId().toString());
            });
            assertThat(rows.statusOf(order.eventId()))
                    .as("announced only once committed")
                    .isEqualTo("SENT");
        }
    }

    @Test
    void anAddressThatIsNoAddressIsParkedAtOnceWithoutRetries() {
        OrderPlaced order = anOrderBy("not-an-address", starter(1));

        broker.publish(order);

        await("parked")
                .atMost(MAIL_TIMEOUT)
                .until(() -> deadLetterOf(order.eventId().toString()).isPresent());
        GetResponse parked = deadLetterOf(order.eventId().toString()).orElseThrow();
        assertThat(header(parked, MessageHeaders.DEAD_LETTER_REASON)).startsWith("permanent: invalid address");
        assertThat(header(parked, MessageHeaders.ATTEMPT)).isEqualTo("1");
        var row = rows.of(order.eventId()).orElseThrow();
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).startsWith("permanent: invalid address");
        assertThat(ReceivedMails.forEvent(smtp, order.eventId())).isEmpty();
    }

    @Test
    void aMessageThatIsNoEventIsParkedWithTheReason() {
        String messageId = UUID.randomUUID().toString();
        var properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .contentType("application/json")
                .deliveryMode(2)
                .headers(Map.of(MessageHeaders.SCHEMA_VERSION, 1))
                .build();

        broker.publish(
                EventType.ORDER_PLACED.routingKey(),
                properties,
                "{\"type\":\"OrderPlaced\",".getBytes(StandardCharsets.UTF_8));

        await("parked").atMost(MAIL_TIMEOUT).until(() -> deadLetterOf(messageId).isPresent());
        assertThat(header(deadLetterOf(messageId).orElseThrow(), MessageHeaders.DEAD_LETTER_REASON))
                .startsWith("malformed event");
    }

    @Test
    void anUnknownSchemaVersionIsParkedWithTheReasonAndNotMailed() {
        OrderPlaced order = anOrderBy("from-the-future@example.com", starter(1));
        Map<String, Object> headers = new HashMap<>(TestBroker.properties(order).getHeaders());
        // one above what this build reads (OrderPlaced is at v3 since ADR 13)
        int future = EventType.ORDER_PLACED.schemaVersion() + 1;
        headers.put(MessageHeaders.SCHEMA_VERSION, future);
        var properties = TestBroker.properties(order).builder().headers(headers).build();

        broker.publish(EventType.ORDER_PLACED.routingKey(), properties, new EventCodec().encode(order));

        await("parked")
                .atMost(MAIL_TIMEOUT)
                .until(() -> deadLetterOf(order.eventId().toString()).isPresent());
        assertThat(header(deadLetterOf(order.eventId().toString()).orElseThrow(), MessageHeaders.DEAD_LETTER_REASON))
                .isEqualTo("unsupported schema version " + future + " of OrderPlaced: this service reads versions 1 to "
                        + (future - 1));
        assertThat(rows.of(order.eventId())).isEmpty();
        assertThat(ReceivedMails.forEvent(smtp, order.eventId())).isEmpty();
    }

    @Test
    void anEventWithoutASchemaVersionIsParkedAndNotMailed() {
        OrderPlaced order = anOrderBy("no-version@example.com", starter(1));
        Map<String, Object> headers = new HashMap<>(TestBroker.properties(order).getHeaders());
        headers.remove(MessageHeaders.SCHEMA_VERSION);
        var properties = TestBroker.properties(order).builder().headers(headers).build();

        broker.publish(EventType.ORDER_PLACED.routingKey(), properties, new EventCodec().encode(order));

        await("parked")
                .atMost(MAIL_TIMEOUT)
                .until(() -> deadLetterOf(order.eventId().toString()).isPresent());
        assertThat(header(deadLetterOf(order.eventId().toString()).orElseThrow(), MessageHeaders.DEAD_LETTER_REASON))
                .isEqualTo("no x-shop-schema-version header");
        assertThat(ReceivedMails.forEvent(smtp, order.eventId())).isEmpty();
    }

    private MimeMessage theOnlyMailFor(UUID eventId) {
        await("the mail for event " + eventId)
                .atMost(MAIL_TIMEOUT)
                .until(() -> !ReceivedMails.forEvent(smtp, eventId).isEmpty());
        List<MimeMessage> mails = ReceivedMails.forEvent(smtp, eventId);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    /** The events in one message, as the relay packs consecutive events of one routing key (transport v2). */
    private void publishTogether(List<? extends ShopEvent> events) {
        EventBatches.Event message = EventBatches.pack(TestBroker.messages(events, EventBatches.Event::new));
        broker.publish(events.get(0).eventType().routingKey(), message.properties(), message.body());
    }

    private Optional<GetResponse> deadLetterOf(String messageId) {
        return broker.peekDeadLetters().stream()
                .filter(m -> messageId.equals(m.getProps().getMessageId()))
                .findFirst();
    }

    private static String header(GetResponse message, String name) {
        Object value = message.getProps().getHeaders().get(name);
        return value == null ? null : value.toString();
    }

    private boolean queuesAreEmpty() {
        List<String> queues = new ArrayList<>(List.of(topology.notificationQueue()));
        retryDelayList().forEach(delay -> queues.add(topology.notificationRetryQueue(delay)));
        return queues.stream().allMatch(queue -> broker.ready(queue) == 0);
    }
}
