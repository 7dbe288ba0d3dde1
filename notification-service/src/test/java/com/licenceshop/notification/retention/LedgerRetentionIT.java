package com.licenceshop.notification.retention;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.ledger.ExpiredMails;
import com.licenceshop.notification.support.ReceivedMails;
import com.licenceshop.notification.support.RunningService;
import com.licenceshop.servicedefaults.UnnestColumns;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Both halves of the ledger's retention on a real PostgreSQL, RabbitMQ and SMTP server. */
@MicronautTest(transactional = false)
class LedgerRetentionIT extends RunningService {

    private static final Duration KEEP = Duration.ofDays(180);

    @Inject
    ExpiredMails expiredMails;

    @Test
    void anEventOlderThanTheLedgerKeepsIsAcknowledgedAndMailsNothing() {
        OrderPlaced fresh = anOrderBy("fresh@example.com", starter(1));
        OrderPlaced template = anOrderBy("old@example.com", starter(1));
        OrderPlaced old = new OrderPlaced(
                template.eventId(),
                template.sequence(),
                Instant.now().minus(Duration.ofDays(200)),
                template.orderId(),
                template.customerEmail(),
                template.currency(),
                template.lines(),
                template.totalCents());

        broker.publish(old);
        broker.publish(fresh);

        await("the fresh order's mail")
                .atMost(Duration.ofSeconds(20))
                .until(() -> "SENT"
                        .equals(rows.of(fresh.eventId()).map(r -> r.status()).orElse(null)));
        await("the queue is drained")
                .atMost(Duration.ofSeconds(20))
                .until(() -> broker.ready(topology.notificationQueue()) == 0
                        && broker.peekDeadLetters().isEmpty());
        assertThat(rows.of(old.eventId())).as("no ledger row for the old event").isEmpty();
        assertThat(ReceivedMails.forEvent(smtp, old.eventId()))
                .as("no mail for the old event")
                .isEmpty();
        assertThat(ReceivedMails.forEvent(smtp, fresh.eventId())).hasSize(1);
    }

    @Test
    void oldSentAndFailedRowsGoAndPendingOrRecentOnesStay() throws Exception {
        Instant now = Instant.now();
        UUID oldSent = insertMail("SENT", now.minus(Duration.ofDays(181)));
        UUID oldFailed = insertMail("FAILED", now.minus(Duration.ofDays(300)));
        UUID oldPending = insertMail("PENDING", now.minus(Duration.ofDays(300)));
        UUID recentSent = insertMail("SENT", now.minus(Duration.ofDays(179)));

        long deleted = new LedgerRetention(expiredMails, KEEP, Clock.fixed(now, ZoneOffset.UTC)).deleteExpired();

        assertThat(deleted).isEqualTo(2);
        assertThat(remaining(List.of(oldSent, oldFailed, oldPending, recentSent)))
                .containsExactlyInAnyOrder(oldPending, recentSent);
    }

    private UUID insertMail(String status, Instant createdAt) throws Exception {
        UUID eventId = UUID.randomUUID();
        try (Connection c = database.connect();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO notifications.mails (event_id, order_id, kind, recipient, status, attempts, created_at, updated_at) "
                                + "VALUES (?, ?, 'ORDER_CONFIRMATION', 'someone@example.com', ?, 1, ?, ?)")) {
            insert.setObject(1, eventId);
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, status);
            insert.setObject(4, createdAt.atOffset(ZoneOffset.UTC));
            insert.setObject(5, createdAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return eventId;
    }

    private List<UUID> remaining(List<UUID> ids) throws Exception {
        List<UUID> found = new ArrayList<>();
        try (Connection c = database.connect();
                PreparedStatement select =
                        c.prepareStatement("SELECT event_id FROM notifications.mails WHERE event_id = ANY(?)")) {
            UnnestColumns.of(c, ids).uuid(id -> id).bindTo(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }
}
