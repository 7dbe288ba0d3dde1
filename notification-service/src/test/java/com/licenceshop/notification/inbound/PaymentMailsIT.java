package com.licenceshop.notification.inbound;

import static com.licenceshop.notification.support.OrderFixtures.aReminderOf;
import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.awaitingPayment;
import static com.licenceshop.notification.support.OrderFixtures.professional;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static com.licenceshop.notification.support.OrderFixtures.theInvoiceOf;
import static com.licenceshop.notification.support.OrderFixtures.theKeysOf;
import static com.licenceshop.notification.support.OrderFixtures.theRefundOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.InvoiceIssued;
import com.licenceshop.events.LicencesIssued;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.notification.support.ReceivedMails;
import com.licenceshop.notification.support.RunningService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The mails of the payment process (ADR 13), each once per event, against a real broker, database and SMTP server. */
@MicronautTest(transactional = false)
class PaymentMailsIT extends RunningService {

    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(20);

    /** The seller as a deployment configures it (shop.invoice.seller.*): on every invoice. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("shop.invoice.seller.name", "Licence Shop GmbH");
        properties.put("shop.invoice.seller.address", "Hauptstraße 5; 80331 München;Germany");
        properties.put("shop.invoice.seller.vat-id", "DE123456789");
        return properties;
    }

    @Test
    void aPaymentGatedOrderIsMailedOnceWhenItsKeysAreIssued() throws Exception {
        OrderPlaced order = awaitingPayment(anOrderBy("ada@example.com", professional(2)), "CARD");
        LicencesIssued keys = theKeysOf(order);

        broker.publish(order);
        broker.publish(keys);
        broker.publish(keys);

        MimeMessage mail = theOnlyMailFor(keys.eventId());
        assertThat(mail.getSubject()).isEqualTo("Your Licence Shop order is paid: your licence keys");
        assertThat(ReceivedMails.part(mail, "text/plain"))
                .contains(
                        keys.licences().get(0).key(),
                        "http://localhost:8080/orders/" + order.orderId() + "?token=tok_" + order.sequence());
        await("the placement handled").atMost(MAIL_TIMEOUT).until(() -> handled(order.eventId()));
        assertThat(ReceivedMails.forEvent(smtp, order.eventId())).isEmpty();
        assertThat(kindsOf(order.orderId())).containsExactly("ORDER_CONFIRMATION");
    }

    @Test
    void theInvoiceMailShowsNumberAmountsAndDueDateInBothParts() throws Exception {
        OrderPlaced order = awaitingPayment(anOrderBy("buyer@example.com", professional(1), starter(2)), "INVOICE");
        InvoiceIssued invoice = theInvoiceOf(order, "2026-000042");

        broker.publish(invoice);
        broker.publish(invoice);

        MimeMessage mail = theOnlyMailFor(invoice.eventId());
        assertThat(mail.getSubject()).isEqualTo("Your Licence Shop invoice 2026-000042");
        String text = ReceivedMails.part(mail, "text/plain");
        assertThat(text)
                .contains(
                        "Invoice number: 2026-000042",
                        "Invoice date:   7 December 2026",
                        "Due date:       21 December 2026",
                        "Example GmbH\nMusterstraße 1\n10115 Berlin\n",
                        "Net total for 3 licences: 2,500.00 EUR",
                        "VAT 19 %: 475.00 EUR",
                        "Total due: 2,975.00 EUR",
                        "From:\nLicence Shop GmbH\nHauptstraße 5\n80331 München\nGermany\nVAT ID: DE123456789\n");
        String html = ReceivedMails.part(mail, "text/html");
        assertThat(html)
                .contains(
                        "<td id=\"invoice-number\">2026-000042</td>",
                        "<td align=\"right\" id=\"net\">2,500.00 EUR</td>",
                        "<td align=\"right\" id=\"vat\">475.00 EUR</td>",
                        "<th align=\"right\" id=\"gross\">2,975.00 EUR</th>",
                        "<td id=\"due-date\">21 December 2026</td>",
                        "Licence Shop GmbH<br>",
                        "Hauptstraße 5<br>80331 München<br>Germany<br>",
                        "VAT ID: <span id=\"seller-vat-id\">DE123456789</span>");
        assertThat(kindsOf(order.orderId())).containsExactly("INVOICE");
    }

    @Test
    void keysSentBeforePaymentAskForPaymentInsteadOfThankingForIt() throws Exception {
        OrderPlaced order = awaitingPayment(anOrderBy("early@example.com", professional(1)), "INVOICE");
        LicencesIssued paid = theKeysOf(order);
        LicencesIssued early = new LicencesIssued(
                paid.eventId(),
                paid.sequence(),
                paid.occurredAt(),
                paid.orderId(),
                paid.customerEmail(),
                paid.currency(),
                paid.lines(),
                paid.totalCents(),
                paid.licences(),
                paid.accessToken(),
                "2026-000099");

        broker.publish(early);

        MimeMessage mail = theOnlyMailFor(early.eventId());
        assertThat(mail.getSubject())
                .isEqualTo("Your Licence Shop licence keys (invoice 2026-000099 still to be paid)");
        assertThat(ReceivedMails.part(mail, "text/plain"))
                .contains(early.licences().get(0).key(), "please pay invoice 2026-000099 by its due date");
        assertThat(ReceivedMails.part(mail, "text/html")).contains("<strong>2026-000099</strong>");
    }

    @Test
    void eachReminderIsOneMailAndTheOverdueOneSaysSo() throws Exception {
        OrderPlaced order = anOrderBy("late@example.com", starter(1));
        var before = aReminderOf(order, "2026-000043", "BEFORE_DUE", 59_500);
        var overdue = aReminderOf(order, "2026-000043", "OVERDUE", 59_500);

        broker.publish(before);
        broker.publish(overdue);
        broker.publish(overdue);

        assertThat(theOnlyMailFor(before.eventId()).getSubject())
                .isEqualTo("Reminder: Licence Shop invoice 2026-000043 falls due soon");
        MimeMessage late = theOnlyMailFor(overdue.eventId());
        assertThat(late.getSubject()).isEqualTo("Overdue: Licence Shop invoice 2026-000043 is past its due date");
        assertThat(ReceivedMails.part(late, "text/plain"))
                .contains("fell due on 21 December 2026 and 595.00 EUR of it is still outstanding");
    }

    @Test
    void aRefundMailNamesTheAmountAndThatTheKeysAreRevoked() throws Exception {
        OrderPlaced order = anOrderBy("refund@example.com", starter(1));
        var refund = theRefundOf(order, 59_500);

        broker.publish(refund);

        MimeMessage mail = theOnlyMailFor(refund.eventId());
        assertThat(mail.getSubject()).isEqualTo("Your Licence Shop order was refunded");
        assertThat(ReceivedMails.part(mail, "text/plain"))
                .contains("595.00 EUR goes back the way you paid", "licence keys are revoked");
        assertThat(kindsOf(order.orderId())).containsExactly("REFUND");
    }

    private MimeMessage theOnlyMailFor(UUID eventId) {
        await("the mail for event " + eventId)
                .atMost(MAIL_TIMEOUT)
                .until(() -> !ReceivedMails.forEvent(smtp, eventId).isEmpty());
        List<MimeMessage> mails = ReceivedMails.forEvent(smtp, eventId);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    /** The ledger's kinds of an order's mails, once every delivery is settled (a duplicate would be a second row). */
    private List<String> kindsOf(UUID orderId) throws Exception {
        await("nothing left in the queue")
                .atMost(MAIL_TIMEOUT)
                .until(() -> broker.ready(topology.notificationQueue()) == 0);
        try (Connection c = database.connect();
                var select = c.prepareStatement(
                        "SELECT kind FROM notifications.order_mails WHERE order_id = ? AND status = 'SENT' ORDER BY created_at")) {
            select.setObject(1, orderId);
            try (var rows = select.executeQuery()) {
                List<String> kinds = new java.util.ArrayList<>();
                while (rows.next()) {
                    kinds.add(rows.getString(1));
                }
                return kinds;
            }
        }
    }

    /** A placement that needs no mail is acknowledged without a ledger row: the queue is empty once it is handled. */
    private boolean handled(UUID eventId) {
        return broker.ready(topology.notificationQueue()) == 0;
    }
}
