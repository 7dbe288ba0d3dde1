package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two schedulers (as on two instances) poll the same due deadlines at the same moment: each deadline fires once, so
 * each unpaid order expires once — one PaymentExpired, one OrderCancelled.
 */
@MicronautTest(transactional = false)
class DeadlinesFireOnceIT extends PaymentIT {

    private static final int ORDERS = 40;

    @Inject
    PaymentProcesses processes;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    PaymentConfig config;

    @Override
    protected Map<String, String> paymentProperties() {
        // the instance's own scheduler is off; the test runs two and says when they poll
        return Map.of(
                "shop.payment.payment-window",
                "1s",
                "shop.payment.deadlines-enabled",
                "false",
                "shop.payment.deadline-poll",
                "1h");
    }

    @Test
    void twoSchedulersPollingTogetherFireEachDeadlineOnce() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(place("unpaid" + i + "@example.com", "STARTER", 1));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM commands.payment_deadlines "
                                + "WHERE kind = 'PAYMENT_DUE' AND fired_at IS NULL AND due_at <= now()")
                        == ORDERS);
        DeadlineScheduler one = new DeadlineScheduler(processes, transactions, config);
        DeadlineScheduler two = new DeadlineScheduler(processes, transactions, config);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> first = both.submit(() -> {
                start.await();
                return one.poll();
            });
            Future<Integer> second = both.submit(() -> {
                start.await();
                return two.poll();
            });
            start.countDown();

            assertThat(first.get() + second.get()).isEqualTo(ORDERS);
        } finally {
            both.shutdownNow();
            one.stop();
            two.stop();
        }
        assertThat(one.poll() + two.poll()).isZero();
        for (String orderId : orders) {
            assertThat(events(orderId, "PaymentExpired")).as(orderId).isEqualTo(1);
            assertThat(events(orderId, "OrderCancelled")).as(orderId).isEqualTo(1);
            assertThat(paymentStatus(orderId)).isEqualTo("EXPIRED");
        }
        assertThat(
                        count(
                                "SELECT count(*) FROM commands.payment_deadlines WHERE kind = 'PAYMENT_DUE' AND fired_at IS NOT NULL"))
                .isEqualTo(ORDERS);
    }
}
