package com.licenceshop.notification.retry;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.professional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.support.OpsClient;
import com.licenceshop.notification.support.ReceivedMails;
import com.licenceshop.notification.support.RunningService;
import com.rabbitmq.client.GetResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mail server goes away (GreenMail stopped) and comes back on the same port (a new GreenMail). */
@MicronautTest(transactional = false)
class SmtpOutageIT extends RunningService {

    @Inject
    EmbeddedServer server;

    @Override
    protected String retryDelays() {
        return "250ms,500ms,1000ms,2000ms"; // five attempts within about four seconds
    }

    @AfterEach
    void mailServerIsBack() {
        if (!smtp.isRunning()) {
            restartSmtp();
        }
    }

    @Test
    void mailsOfOrdersPlacedDuringAnSmtpOutageArriveOnceAfterIt() {
        smtp.stop();
        List<OrderPlaced> orders = IntStream.range(0, 5)
                .mapToObj(i -> anOrderBy("buyer" + i + "@example.com", professional(i + 1)))
                .toList();

        orders.forEach(broker::publish);

        await("every mail failed at least once")
                .atMost(Duration.ofSeconds(20))
                .until(() -> orders.stream()
                        .allMatch(order -> rows.of(order.eventId())
                                .filter(row -> row.lastError() != null)
                                .isPresent()));
        assertThat(orders)
                .allSatisfy(order -> assertThat(rows.statusOf(order.eventId())).isEqualTo("PENDING"));

        restartSmtp();

        await("every mail, after retries")
                .atMost(Duration.ofSeconds(20))
                .until(() -> orders.stream()
                        .allMatch(order ->
                                ReceivedMails.forEvent(smtp, order.eventId()).size() == 1));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> smtp.getReceivedMessages().length == orders.size());
        assertThat(orders).allSatisfy(order -> {
            var row = rows.of(order.eventId()).orElseThrow();
            assertThat(row.status()).isEqualTo("SENT");
            assertThat(row.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(row.lastError())
                    .as("the failure before the success is kept")
                    .isNotBlank();
        });
    }

    @Test
    void everyMailIsSentOnceWhenTheServerDropsPoolsAndReturns() {
        List<OrderPlaced> warmUp = IntStream.range(0, 10)
                .mapToObj(i -> anOrderBy("early" + i + "@example.com", professional(1)))
                .toList();
        warmUp.forEach(broker::publish);
        await("connections pooled")
                .atMost(Duration.ofSeconds(20))
                .until(() -> warmUp.stream()
                        .allMatch(order -> rows.statusOf(order.eventId()).equals("SENT")));

        smtp.stop();
        List<OrderPlaced> orders = IntStream.range(0, 10)
                .mapToObj(i -> anOrderBy("late" + i + "@example.com", professional(2)))
                .toList();
        orders.forEach(broker::publish);
        await("every mail failed at least once")
                .atMost(Duration.ofSeconds(20))
                .until(() -> orders.stream()
                        .allMatch(order -> rows.of(order.eventId())
                                .filter(row -> row.lastError() != null)
                                .isPresent()));
        restartSmtp();

        await("every mail, after retries")
                .atMost(Duration.ofSeconds(20))
                .until(() -> orders.stream()
                        .allMatch(order ->
                                ReceivedMails.forEvent(smtp, order.eventId()).size() == 1));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> smtp.getReceivedMessages().length == orders.size());
        assertThat(orders)
                .allSatisfy(order -> assertThat(rows.statusOf(order.eventId())).isEqualTo("SENT"));
    }

    @Test
    void aMailOutlastingTheScheduleIsParkedAndRedrivenOnce() {
        smtp.stop();
        OrderPlaced order = anOrderBy("hopper@example.com", professional(1));

        broker.publish(order);

        await("given up")
                .atMost(Duration.ofSeconds(30))
                .until(() -> rows.statusOf(order.eventId()).equals("FAILED"));
        var failed = rows.of(order.eventId()).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(failed.lastError()).startsWith("gave up after 5 attempts: ");
        await("parked").atMost(Duration.ofSeconds(10)).until(() -> parked(order).isPresent());
        assertThat(header(parked(order).orElseThrow(), MessageHeaders.DEAD_LETTER_REASON))
                .startsWith("gave up after 5 attempts: ");

        restartSmtp();
        var redrive =
                OpsClient.as(server.getURL().toString(), "ops", opsPassword).post("/ops/dead-letters/redrive");

        assertThat(redrive.statusCode()).isEqualTo(200);
        assertThat(redrive.body()).isEqualTo("{\"moved\":1}");
        await("delivered after the re-drive")
                .atMost(Duration.ofSeconds(20))
                .until(() -> ReceivedMails.forEvent(smtp, order.eventId()).size() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ReceivedMails.forEvent(smtp, order.eventId()).size() == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> rows.statusOf(order.eventId()).equals("SENT"));
        assertThat(rows.of(order.eventId()).orElseThrow().attempts()).isEqualTo(6);
        assertThat(broker.peekDeadLetters()).isEmpty();
    }

    private Optional<GetResponse> parked(OrderPlaced order) {
        return broker.peekDeadLetters().stream()
                .filter(m -> order.eventId().toString().equals(m.getProps().getMessageId()))
                .findFirst();
    }

    private static String header(GetResponse message, String name) {
        return String.valueOf(message.getProps().getHeaders().get(name));
    }
}
