package com.licenceshop.notification.inbound;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.support.ReceivedMails;
import com.licenceshop.notification.support.RunningService;
import io.micronaut.context.ApplicationContext;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** An instance stops (a deploy, a scale-down) while it holds mails in flight; the next one takes over. */
class ShutdownIT extends RunningService {

    @Test
    void stoppingWithMailsInFlightSendsNothingTwiceAndLosesNothing() throws Exception {
        List<OrderPlaced> orders = IntStream.range(0, 2000)
                .mapToObj(i -> anOrderBy("inflight" + i % 50 + "@example.com", starter(1)))
                .toList();
        ApplicationContext.run(new HashMap<>(getProperties()), "test").close(); // declares the queues
        orders.forEach(broker::publish); // a backlog, so the instance is busy with it when it stops

        ApplicationContext first = ApplicationContext.run(new HashMap<>(getProperties()), "test");
        await("some sent").atMost(Duration.ofSeconds(30)).until(() -> sent() >= 50);
        first.close();
        int sentByTheFirst = sent();
        assertThat(sentByTheFirst).as("mails still in flight when it stopped").isLessThan(orders.size());
        assertThat(smtp.getReceivedMessages())
                .as("every mail the first instance sent is in the ledger")
                .hasSize(sentByTheFirst);

        try (ApplicationContext second = ApplicationContext.run(new HashMap<>(getProperties()), "test")) {
            await("all sent").atMost(Duration.ofSeconds(60)).until(() -> sent() == orders.size());
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> smtp.getReceivedMessages().length == orders.size());
        }
        assertThat(Arrays.stream(smtp.getReceivedMessages())
                        .map(ReceivedMails::messageIdOf)
                        .distinct()
                        .count())
                .as("distinct mails")
                .isEqualTo(orders.size());
        assertThat(attemptsAboveOne()).as("mails tried more than once").isZero();
    }

    private int attemptsAboveOne() throws Exception {
        try (var db = database.connect();
                ResultSet row = db.createStatement()
                        .executeQuery("SELECT count(*) FROM notifications.mails WHERE attempts <> 1")) {
            row.next();
            return row.getInt(1);
        }
    }

    private int sent() throws Exception {
        try (var db = database.connect();
                ResultSet row = db.createStatement()
                        .executeQuery("SELECT count(*) FROM notifications.mails WHERE status = 'SENT'")) {
            row.next();
            return row.getInt(1);
        }
    }
}
