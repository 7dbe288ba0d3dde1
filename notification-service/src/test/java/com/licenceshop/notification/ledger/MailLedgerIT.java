package com.licenceshop.notification.ledger;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.mail.MailIntent;
import com.licenceshop.notification.mail.MailIntents;
import com.licenceshop.notification.support.RunningService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The hold on an event's mail, which is what keeps concurrent deliveries from sending one event twice. */
@MicronautTest(transactional = false)
class MailLedgerIT extends RunningService {

    @Inject
    MailLedger ledger;

    @Test
    void ofManyConcurrentDeliveriesOfOneEventExactlyOneMaySend() throws Exception {
        MailIntent intent = intentOf(anOrderBy("race@example.com", starter(1)));
        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        List<Claim> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                claims.add(pool.submit((Callable<Claim>) () -> {
                    start.await();
                    return ledger.claim(intent, false);
                }));
            }
            start.countDown();
            for (Future<Claim> claim : claims) {
                results.add(claim.get());
            }

            assertThat(results).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(Claim.Busy.class::isInstance).hasSize(deliveries - 1);
            assertThat(rows.of(intent.eventId()).orElseThrow().attempts()).isEqualTo(1);
        } finally {
            results.stream()
                    .filter(Claim.Claimed.class::isInstance)
                    .forEach(c -> ((Claim.Claimed) c).hold().close());
            pool.shutdownNow();
        }
    }

    @Test
    void aSentMailIsNeverTakenAgainNotEvenByARedrive() {
        MailIntent intent = intentOf(anOrderBy("sent@example.com", starter(1)));
        Instant sentAt = Instant.parse("2026-11-23T10:00:00Z");
        try (var hold = claimed(ledger.claim(intent, false), 1).hold()) {
            ledger.markSent(intent, sentAt);
        }

        assertThat(ledger.claim(intent, false)).isEqualTo(new Claim.AlreadySent(intent.messageId(), sentAt));
        assertThat(ledger.claim(intent, true)).isInstanceOf(Claim.AlreadySent.class);
    }

    @Test
    void theWebUiSeesASentMailThroughTheContractsViewColumns() throws Exception {
        MailIntent intent = intentOf(anOrderBy("viewed@example.com", starter(1)));
        Instant sentAt = Instant.parse("2026-11-23T10:00:00Z");
        try (var hold = claimed(ledger.claim(intent, false), 1).hold()) {
            ledger.markSent(intent, sentAt);
        }

        try (Connection db = database.connect();
                var query = db.prepareStatement("SELECT * FROM notifications.order_mails WHERE order_id = ?")) {
            query.setObject(1, intent.orderId());
            try (var row = query.executeQuery()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    columns.add(row.getMetaData().getColumnName(i));
                }
                assertThat(columns)
                        .containsExactly(
                                "order_id", "kind", "status", "attempts", "last_error", "sent_at", "created_at");
                assertThat(row.next()).isTrue();
                assertThat(row.getString("kind")).isEqualTo("ORDER_CONFIRMATION");
                assertThat(row.getString("status")).isEqualTo("SENT");
                assertThat(row.getInt("attempts")).isEqualTo(1);
                assertThat(row.getTimestamp("sent_at").toInstant()).isEqualTo(sentAt);
                assertThat(row.next()).isFalse();
            }
        }
    }

    @Test
    void aFailedMailStaysParkedUntilARedriveReopensIt() {
        MailIntent intent = intentOf(anOrderBy("failed@example.com", starter(1)));
        try (var hold = claimed(ledger.claim(intent, false), 1).hold()) {
            ledger.markFailed(intent.eventId(), "permanent: SMTP 550 no such user");
        }

        assertThat(ledger.claim(intent, false)).isEqualTo(new Claim.AlreadyFailed("permanent: SMTP 550 no such user"));
        try (var hold = claimed(ledger.claim(intent, true), 2).hold()) {
            assertThat(rows.statusOf(intent.eventId())).isEqualTo("PENDING");
        }
    }

    @Test
    void aDeadDeliverysHoldEndsWithItsConnectionAttemptsShowTheResend() throws Exception {
        MailIntent intent = intentOf(anOrderBy("crash@example.com", starter(1)));
        var dying = claimed(ledger.claim(intent, false), 1);
        assertThat(ledger.claim(intent, false)).isInstanceOf(Claim.Busy.class);

        // what a SIGKILL does to the holder's session: PostgreSQL ends it and releases its locks
        try (Connection admin = database.connect()) {
            admin.createStatement().execute("""
                    SELECT pg_terminate_backend(pid) FROM pg_locks
                     WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""");
        }

        try (var hold = claimed(awaitClaim(intent), 2).hold()) {
            assertThat(rows.statusOf(intent.eventId()))
                    .as("in doubt, not sent as far as we know")
                    .isEqualTo("PENDING");
        }
        dying.hold().close();
    }

    private Claim awaitClaim(MailIntent intent) {
        Claim[] claim = new Claim[1];
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> (claim[0] = ledger.claim(intent, false)) instanceof Claim.Claimed);
        return claim[0];
    }

    private static Claim.Claimed claimed(Claim claim, int attempts) {
        assertThat(claim).isInstanceOf(Claim.Claimed.class);
        assertThat(((Claim.Claimed) claim).attempts()).isEqualTo(attempts);
        return (Claim.Claimed) claim;
    }

    private static MailIntent intentOf(OrderPlaced order) {
        return MailIntents.of(order, "http://localhost:8080").orElseThrow();
    }
}
