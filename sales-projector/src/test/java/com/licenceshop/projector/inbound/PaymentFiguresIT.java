package com.licenceshop.projector.inbound;

import static com.licenceshop.projector.support.EventFixtures.Licence.PROFESSIONAL;
import static com.licenceshop.projector.support.EventFixtures.Licence.STARTER;
import static com.licenceshop.projector.support.EventFixtures.gross;
import static com.licenceshop.projector.support.EventFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.rebuild.RebuildSalesProjection;
import com.licenceshop.projector.rebuild.RebuildStatus;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.FeedFromEventList;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The payment figures (ADR 13): booked (the period's revenue, net), paid, outstanding and refunded (gross), and each
 * order's payment status, from the payment events on the projector's queue: once each however often delivered, the
 * same in any order of arrival, the same after a rebuild from the feed.
 */
class PaymentFiguresIT {

    private static final String PASSWORD = java.util.UUID.randomUUID().toString();

    private final EventFixtures events = new EventFixtures();
    private final TestServers.Database database = TestServers.freshDatabase();
    private final SalesViews views = new SalesViews(database);
    private final Topology topology = new Topology(TestServers.freshNamespace());

    @Test
    void aCardOrderIsOutstandingUntilPaidADeclineChangesNoAmount() {
        OrderPlaced order = events.anUnpaidOrderOf(List.of(line(STARTER, 2)), "CARD");
        long gross = gross(order);
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publishAll(List.of(order, events.aCheckoutFor(order, 1)));
            views.awaitInboxSize(2);
            assertThat(views.payments())
                    .isEqualTo("booked=" + order.totalCents() + " paid=0 outstanding=" + gross
                            + " refunded=0 overpaid=0 awaiting=1");
            assertThat(views.paymentStatusOf(order.orderId())).isEqualTo("AWAITING_PAYMENT");

            broker.publish(events.aDeclineOf(order, 1));
            views.awaitInboxSize(3);
            assertThat(views.paymentStatusOf(order.orderId())).isEqualTo("FAILED");

            broker.publishAll(
                    List.of(events.aCheckoutFor(order, 2), events.aPaymentOf(order, "CARD"), events.theKeysOf(order)));
            views.awaitInboxSize(6);
            assertThat(views.payments())
                    .isEqualTo("booked=" + order.totalCents() + " paid=" + gross
                            + " outstanding=0 refunded=0 overpaid=0 awaiting=0");
            assertThat(views.paymentStatusOf(order.orderId())).isEqualTo("KEYS_ISSUED");
            assertThat(broker.readyInDeadLetterQueue()).isZero();
        }
    }

    @Test
    void aPartialTransferLeavesTheRestOutstandingAndAnOverpaymentIsShown() {
        OrderPlaced order = events.anUnpaidOrderOf(List.of(line(PROFESSIONAL, 1)), "INVOICE");
        var invoice = events.anInvoiceFor(order);
        long gross = gross(order);
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publishAll(
                    List.of(order, invoice, events.aTransferFor(order, invoice.invoiceNumber(), 1_000, 1_000)));
            views.awaitInboxSize(3);
            assertThat(views.payments()).contains("paid=0 outstanding=" + (gross - 1_000));

            broker.publishAll(List.of(
                    events.aTransferFor(order, invoice.invoiceNumber(), gross, gross + 1_000),
                    events.aPaymentOf(order, "INVOICE")));
            views.awaitInboxSize(5);
            assertThat(views.payments()).contains("paid=" + gross + " outstanding=0", "overpaid=1000");
            assertThat(views.paymentStatusOf(order.orderId())).isEqualTo("PAID");
        }
    }

    @Test
    void refundsCountAsRefundedAndExpiredOrdersAreNoLongerOutstanding() {
        OrderPlaced refunded = events.anUnpaidOrderOf(List.of(line(STARTER, 1)), "CARD");
        OrderPlaced expired = events.anUnpaidOrderOf(List.of(line(STARTER, 1)), "CARD");
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publishAll(List.of(
                    refunded,
                    events.aCheckoutFor(refunded, 1),
                    events.aPaymentOf(refunded, "CARD"),
                    events.theKeysOf(refunded),
                    expired,
                    events.aCheckoutFor(expired, 1),
                    events.anExpiryOf(expired),
                    events.aCancellationOf(expired)));
            views.awaitInboxSize(8);
            broker.publish(events.aRefundOf(refunded));
            views.awaitInboxSize(9);

            assertThat(views.payments())
                    .isEqualTo("booked=" + refunded.totalCents() + " paid=" + gross(refunded)
                            + " outstanding=0 refunded=" + gross(refunded) + " overpaid=0 awaiting=0");
            assertThat(views.paymentStatusOf(refunded.orderId())).isEqualTo("REFUNDED");
            assertThat(views.paymentStatusOf(expired.orderId())).isEqualTo("EXPIRED");
        }
    }

    @Test
    void shuffledRepeatedPaymentsEndAsInOrderAndAsARebuildDoes() {
        List<ShopEvent> history = new ArrayList<>();
        OrderPlaced paid = events.anUnpaidOrderOf(List.of(line(STARTER, 2)), "CARD");
        OrderPlaced waiting = events.anUnpaidOrderOf(List.of(line(PROFESSIONAL, 1)), "INVOICE");
        OrderPlaced keyedAtOnce = events.anOrderWithKeysOf(List.of(line(STARTER, 1)));
        var invoice = events.anInvoiceFor(waiting);
        history.addAll(List.of(
                paid,
                waiting,
                keyedAtOnce,
                events.aCheckoutFor(paid, 1),
                events.aDeclineOf(paid, 1),
                invoice,
                events.aCheckoutFor(paid, 2),
                events.aPaymentOf(paid, "CARD"),
                events.theKeysOf(paid),
                events.aTransferFor(waiting, invoice.invoiceNumber(), 500, 500)));
        List<ShopEvent> shuffled = new ArrayList<>(history);
        shuffled.addAll(history);
        Collections.shuffle(shuffled, new Random(23));

        try (var broker = ProjectorBroker.connect(topology);
                var feed = new FeedFromEventList("ops", PASSWORD);
                var projector = ProjectorInstance.start(
                        database,
                        topology,
                        Map.of(
                                "shop.command-api.url",
                                feed.url(),
                                "shop.ops.username",
                                "ops",
                                "shop.ops.password",
                                PASSWORD))) {
            broker.publishAll(shuffled);
            views.awaitInboxSize(history.size());
            long booked = paid.totalCents() + waiting.totalCents() + keyedAtOnce.totalCents();
            assertThat(views.payments())
                    .isEqualTo("booked=" + booked + " paid=" + gross(paid) + " outstanding=" + (gross(waiting) - 500)
                            + " refunded=0 overpaid=0 awaiting=1");
            assertThat(views.paymentStatusOf(paid.orderId())).isEqualTo("KEYS_ISSUED");
            assertThat(views.paymentStatusOf(waiting.orderId())).isEqualTo("AWAITING_PAYMENT");
            assertThat(views.paymentStatusOf(keyedAtOnce.orderId())).isEqualTo("none");
            var live = views.snapshot();

            feed.addAll(history);
            RebuildStatus rebuilt = projector.bean(RebuildSalesProjection.class).runHere(status -> {});

            assertThat(rebuilt.state()).as(String.valueOf(rebuilt.error())).isEqualTo("FINISHED");
            assertThat(views.snapshot()).isEqualTo(live);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
