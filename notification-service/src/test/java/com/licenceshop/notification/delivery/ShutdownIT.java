package com.licenceshop.notification.delivery;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.ReceivedMails;
import com.licenceshop.notification.RunningService;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;

import static com.licenceshop.notification.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An instance stops (a deploy, a scale-down) while it holds mails in flight; the next one takes over. */
class ShutdownIT extends RunningService {

    @Test
    void anInstanceThatStopsWithMailsInFlightSendsNothingTwiceAndLosesNothing() throws Exception {
        List<OrderPlaced> orders = IntStream.range(0, 600).mapToObj(i -> anOrderBy("inflight" + i + "@example.com", starter(1))).toList();
        ApplicationContext first = ApplicationContext.run(new HashMap<>(getProperties()), "test");

        orders.forEach(broker::publish);
        await("some sent").atMost(Duration.ofSeconds(30)).until(() -> sent() >= 50);
        first.close();
        int sentByTheFirst = sent();
        assertThat(sentByTheFirst).as("mails still in flight when it stopped").isLessThan(orders.size());
        assertThat(smtp.getReceivedMessages()).as("every mail the first instance sent is in the ledger").hasSize(sentByTheFirst);

        try (ApplicationContext second = ApplicationContext.run(new HashMap<>(getProperties()), "test")) {
            await("all sent").atMost(Duration.ofSeconds(60)).until(() -> sent() == orders.size());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> smtp.getReceivedMessages().length == orders.size());
        }
        assertThat(orders).allSatisfy(order -> {
            assertThat(ReceivedMails.forEvent(smtp, order.eventId())).hasSize(1);
            assertThat(rows.of(order.eventId()).orElseThrow().attempts()).isEqualTo(1);
        });
    }

    private int sent() throws Exception {
        try (var db = database.connect();
             ResultSet row = db.createStatement().executeQuery("SELECT count(*) FROM notifications.mails WHERE status = 'SENT'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
