package com.licenceshop.notification.inbound;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.support.ReceivedMails;
import com.licenceshop.notification.support.RunningService;
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
    void twoInstancesOnOneQueueSendOneMailPerEventDeliveredTwice() {
        List<OrderPlaced> orders = IntStream.range(0, 20)
                .mapToObj(i -> anOrderBy("shopper" + i + "@example.com", starter(1 + i % 3)))
                .toList();
        int before = smtp.getReceivedMessages().length;
        double firstBefore = sent(firstInstanceMetrics);
        double secondBefore = sent(secondInstance.getBean(MeterRegistry.class));

        // Both instances consume before anything is published, and each event's copies go out far apart (firsts
        // in order, seconds in reverse): copies published back to back race for the claim, and one instance could
        // win every race and leave the other only duplicates. One instance holds at most two prefetches (16
        // messages) of the 20 first copies, so the other receives some of them and sends their mails.
        await("both instances consuming")
                .atMost(Duration.ofSeconds(10))
                .until(() -> broker.consumers(topology.notificationQueue()) == 2L * consumersPerInstance());
        orders.forEach(broker::publish);
        IntStream.iterate(orders.size() - 1, i -> i >= 0, i -> i - 1).forEach(i -> broker.publish(orders.get(i)));

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
        String perInstance = "sent %s and %s, duplicates seen %s and %s"
                .formatted(
                        first,
                        second,
                        duplicates(firstInstanceMetrics),
                        duplicates(secondInstance.getBean(MeterRegistry.class)));
        assertThat(first)
                .as("mails sent by the first instance (%s)", perInstance)
                .isPositive();
        assertThat(second)
                .as("mails sent by the second instance (%s)", perInstance)
                .isPositive();
        assertThat(first + second).isEqualTo(orders.size());
    }

    @Test
    void twoPooledInstancesSendExactlyOneThousandMailsForAThousandEvents() {
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

    private int consumersPerInstance() {
        return secondInstance
                .getProperty("shop.notification.consumers", Integer.class)
                .orElseThrow();
    }

    private static double sent(MeterRegistry registry) {
        return count(registry, "notification.mails.sent");
    }

    private static double duplicates(MeterRegistry registry) {
        return count(registry, "notification.mails.duplicates");
    }

    private static double count(MeterRegistry registry, String counter) {
        return registry.find(counter).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
