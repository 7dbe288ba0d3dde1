package com.licenceshop.notification.delivery;

import static com.licenceshop.notification.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.ReceivedMails;
import com.licenceshop.notification.RunningService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of the service (two application contexts) consume the same queue, as with --scale. */
@MicronautTest(transactional = false)
class TwoInstancesIT extends RunningService {

    @Inject
    MeterRegistry firstInstanceMetrics;

    private ApplicationContext secondInstance;

    @BeforeAll
    void startASecondInstance() {
        secondInstance = ApplicationContext.run(new HashMap<>(getProperties()), "test");
    }

    @AfterAll
    void stopTheSecondInstance() {
        secondInstance.close();
    }

    @Test
    void twoInstancesOnOneQueueSendOneMailPerEventEvenWhenEveryEventArrivesTwice() {
        List<OrderPlaced> orders = IntStream.range(0, 20)
                .mapToObj(i -> anOrderBy("shopper" + i + "@example.com", starter(1 + i % 3)))
                .toList();
        int before = smtp.getReceivedMessages().length;
        double firstBefore = sent(firstInstanceMetrics);
        double secondBefore = sent(secondInstance.getBean(MeterRegistry.class));

        for (OrderPlaced order : orders) {
            broker.publish(order);
            broker.publish(order);
        }

        await("one mail per order")
                .atMost(Duration.ofSeconds(30))
                .until(() -> orders.stream()
                        .allMatch(order ->
                                !ReceivedMails.forEvent(smtp, order.eventId()).isEmpty()));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> smtp.getReceivedMessages().length == before + orders.size());
        assertThat(orders).allSatisfy(order -> {
            assertThat(ReceivedMails.forEvent(smtp, order.eventId())).hasSize(1);
            assertThat(rows.statusOf(order.eventId())).isEqualTo("SENT");
        });
        double first = sent(firstInstanceMetrics) - firstBefore;
        double second = sent(secondInstance.getBean(MeterRegistry.class)) - secondBefore;
        assertThat(first).as("mails sent by the first instance").isPositive();
        assertThat(second).as("mails sent by the second instance").isPositive();
        assertThat(first + second).isEqualTo(orders.size());
    }

    @Test
    void twoInstancesWithPooledConnectionsSendExactlyOneThousandMailsForOneThousandEvents() {
        List<OrderPlaced> orders = IntStream.range(0, 1000)
                .mapToObj(i -> anOrderBy("thousand" + i + "@example.com", starter(1 + i % 3)))
                .toList();
        int before = smtp.getReceivedMessages().length;

        orders.forEach(broker::publish);

        await("a mail per order")
                .atMost(Duration.ofSeconds(60))
                .until(() -> smtp.getReceivedMessages().length - before >= orders.size());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> smtp.getReceivedMessages().length - before == orders.size());
        assertThat(orders)
                .allSatisfy(order -> assertThat(ReceivedMails.forEvent(smtp, order.eventId()))
                        .hasSize(1));
        List<java.util.UUID> eventIds =
                orders.stream().map(OrderPlaced::eventId).toList();
        await("ledger").atMost(Duration.ofSeconds(10)).until(() -> rows.sentOf(eventIds) == orders.size());
    }

    private static double sent(MeterRegistry registry) {
        return registry.find("notification.mails.sent").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
