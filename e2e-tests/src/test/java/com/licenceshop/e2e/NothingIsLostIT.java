package com.licenceshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shop's promise: a purchase that got a 202 and was paid reaches the read model and gets exactly one mail (its
 * keys, on LicencesIssued), through a broker outage, consumer crashes (SIGKILL, nothing acknowledged on the way out)
 * and the redeliveries they cause. Shoppers keep buying and paying the whole time.
 */
class NothingIsLostIT extends AgainstTheWholeShop {

    @Test
    void everyPurchaseIsCountedAndMailedOnceThroughOutagesAndCrashes() throws Exception {
        Shoppers shoppers = Shoppers.start(shop.commandApi().baseUrl(), 1);
        Map<String, Long> accepted = shoppers.accepted;
        try {
            shoppers.awaitAccepted(10);

            shop.brokerProxy.cut();
            int beforeOutage = accepted.size();
            shoppers.awaitAccepted(beforeOutage + 15); // purchases keep being accepted while the broker is away
            shop.brokerProxy.restore();

            shoppers.awaitAccepted(accepted.size() + 10);
            shop.crashAndRestartSalesProjector();
            shoppers.awaitAccepted(accepted.size() + 10);
            shop.crashAndRestartNotificationService();
            shoppers.awaitAccepted(accepted.size() + 10);
        } finally {
            shoppers.stop();
        }

        assertThat(shoppers.refused).as("purchases refused").isEmpty();
        Set<String> orderIds = Set.copyOf(accepted.keySet());
        long revenue = shoppers.revenue();

        await("every accepted purchase counted once")
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> {
                    try (Connection db = shop.connect();
                            ResultSet summary = db.createStatement()
                                    .executeQuery("SELECT orders, revenue_cents FROM sales.current_summary")) {
                        summary.next();
                        assertThat(summary.getLong("orders")).isEqualTo(orderIds.size());
                        assertThat(summary.getLong("revenue_cents")).isEqualTo(revenue);
                    }
                });
        await("a mail for every accepted purchase")
                .atMost(Duration.ofSeconds(90))
                .until(() -> {
                    Map<String, List<MimeMessage>> mails = mailsByOrder();
                    return mails.keySet().containsAll(orderIds);
                });
        await("mail ledger settled")
                .atMost(Duration.ofSeconds(30))
                .until(() -> shop.sentConfirmations() == orderIds.size());

        Map<String, List<MimeMessage>> mails = mailsByOrder();
        assertThat(mails.keySet()).isEqualTo(orderIds);
        for (var entry : mails.entrySet()) {
            Set<String> messageIds =
                    entry.getValue().stream().map(NothingIsLostIT::messageId).collect(Collectors.toSet());
            assertThat(messageIds)
                    .as("distinct mails for order %s", entry.getKey())
                    .hasSize(1);
            if (entry.getValue().size() > 1) {
                // SMTP cannot be part of our transaction: a SIGKILL after the server accepted the mail and before
                // the ledger committed SENT makes the next instance send it again. The copy carries the same
                // Message-ID (derived from the event id), so mail systems collapse it, and the ledger shows the
                // second attempt. Any other second copy is a bug.
                assertThat(attemptsInLedger(entry.getKey()))
                        .as(
                                "attempts for order %s sent %d times",
                                entry.getKey(), entry.getValue().size())
                        .isGreaterThanOrEqualTo(entry.getValue().size());
            }
        }
    }

    private Map<String, List<MimeMessage>> mailsByOrder() {
        return List.of(shop.smtp.getReceivedMessages()).stream().collect(Collectors.groupingBy(Mails::orderIdIn));
    }

    private int attemptsInLedger(String orderId) throws java.sql.SQLException {
        try (Connection db = shop.connect();
                ResultSet row = db.createStatement()
                        .executeQuery("SELECT attempts FROM notifications.mails WHERE order_id = '" + orderId + "'")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
