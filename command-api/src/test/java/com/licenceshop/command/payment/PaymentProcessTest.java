package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentProcessTest {

    private static final Instant PLACED_AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final PaymentPolicy POLICY = PaymentPolicy.defaults();
    private final PaymentProcess process = new PaymentProcess(POLICY);

    /** The order's history so far; {@link #on} decides and appends, as the adapter does in one transaction. */
    private final List<PaymentEvent> history = new ArrayList<>();

    private PaymentState state() {
        return PaymentState.from(history);
    }

    private Decision on(Trigger trigger, Instant now) {
        Decision decision = process.decide(state(), trigger, now);
        history.addAll(decision.events());
        return decision;
    }

    private void aCardOrderOf(long netCents) {
        history.add(new PaymentEvent.Placed("order-1", PaymentMethod.CARD, netCents, "EUR", PLACED_AT, false));
    }

    private void anInvoiceOrderOf(long netCents, boolean keysBeforePayment) {
        history.add(new PaymentEvent.Placed(
                "order-1", PaymentMethod.INVOICE, netCents, "EUR", PLACED_AT, keysBeforePayment));
    }

    private Trigger.CardPaid paid(String session, String intent) {
        return new Trigger.CardPaid(session, intent, 178_500, "eur");
    }

    @Test
    void aCardOrderIsPaidAndKeyedInOneDecisionEndingDeadlines() {
        aCardOrderOf(150_000);
        Decision checkout =
                on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);
        assertThat(checkout.effects())
                .contains(
                        new Effect.ScheduleDeadline(DeadlineKind.PAYMENT_DUE, PLACED_AT.plus(Duration.ofHours(1))),
                        new Effect.ScheduleDeadline(DeadlineKind.RECONCILE, PLACED_AT.plus(Duration.ofMinutes(2))));
        assertThat(state().status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);

        Decision payment = on(paid("cs_1", "pi_1"), PLACED_AT.plusSeconds(30));

        assertThat(payment.events())
                .hasExactlyElementsOfTypes(PaymentEvent.Succeeded.class, PaymentEvent.LicencesIssued.class);
        assertThat(payment.effects()).containsExactly(new Effect.CancelDeadlines(), new Effect.SignLicenceKeys());
        assertThat(state().status()).isEqualTo(PaymentStatus.KEYS_ISSUED);
    }

    @Test
    void theSameWebhookTwiceOrLateFailuresAndExpiriesChangeNothing() {
        aCardOrderOf(150_000);
        on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);
        on(paid("cs_1", "pi_1"), PLACED_AT.plusSeconds(30));

        assertThat(on(paid("cs_1", "pi_1"), PLACED_AT.plusSeconds(31)).changesNothing())
                .isTrue();
        assertThat(on(new Trigger.CardDeclined("generic_decline", "declined"), PLACED_AT.plusSeconds(32))
                        .changesNothing())
                .isTrue();
        assertThat(on(new Trigger.CheckoutExpired("cs_1"), PLACED_AT.plusSeconds(33))
                        .changesNothing())
                .isTrue();
        assertThat(on(new Trigger.DeadlineReached(DeadlineKind.PAYMENT_DUE), PLACED_AT.plus(Duration.ofHours(1)))
                        .changesNothing())
                .isTrue();
        assertThat(history.stream().filter(e -> e instanceof PaymentEvent.LicencesIssued))
                .hasSize(1);
    }

    @Test
    void aPaymentHeardOfBeforeItsCheckoutWasRecordedStillCounts() {
        aCardOrderOf(150_000);

        Decision payment = on(paid("cs_1", "pi_1"), PLACED_AT.plusSeconds(5));

        assertThat(payment.events()).hasSize(2);
        assertThat(on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT), PLACED_AT.plusSeconds(6))
                        .refusal())
                .isEqualTo(PaymentProcess.NOT_PAYABLE);
    }

    @Test
    void aDeclinedCardIsRecordedAndANewCheckoutMayTryAgain() {
        aCardOrderOf(50_000);
        on(new Trigger.CheckoutCreated(1, "cs_1", 59_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);

        assertThat(on(new Trigger.CardDeclined("generic_decline", "Your card was declined."), PLACED_AT.plusSeconds(20))
                        .events())
                .singleElement()
                .isInstanceOf(PaymentEvent.Failed.class);
        Decision retry = on(
                new Trigger.CheckoutCreated(2, "cs_2", 59_500, PLACED_AT.plus(Duration.ofHours(1))),
                PLACED_AT.plusSeconds(40));

        assertThat(retry.effects()).contains(new Effect.ExpireCheckoutAtProvider("cs_1"));
        assertThat(state().attempt()).isEqualTo(2);
        assertThat(state().failures()).isEqualTo(1);
        assertThat(on(new Trigger.CardPaid("cs_2", "pi_2", 59_500, "eur"), PLACED_AT.plusSeconds(60))
                        .events())
                .hasSize(2);
    }

    @Test
    void anAmountOtherThanTheGrossIsNoPayment() {
        aCardOrderOf(150_000);
        on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);

        assertThat(on(new Trigger.CardPaid("cs_1", "pi_1", 150_000, "eur"), PLACED_AT)
                        .refusal())
                .isEqualTo(PaymentProcess.AMOUNT_MISMATCH);
        assertThat(on(new Trigger.CardPaid("cs_1", "pi_1", 178_500, "usd"), PLACED_AT)
                        .refusal())
                .isEqualTo(PaymentProcess.AMOUNT_MISMATCH);
        assertThat(state().status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
    }

    @Test
    void anUnpaidCardOrderExpiresAtItsDeadlineAndIsCancelled() {
        aCardOrderOf(150_000);
        on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);

        Decision expiry =
                on(new Trigger.DeadlineReached(DeadlineKind.PAYMENT_DUE), PLACED_AT.plus(Duration.ofHours(1)));

        assertThat(expiry.events()).singleElement().isInstanceOf(PaymentEvent.Expired.class);
        assertThat(expiry.effects())
                .contains(new Effect.CancelOrder("payment-expired"), new Effect.ExpireCheckoutAtProvider("cs_1"));
        assertThat(state().status()).isEqualTo(PaymentStatus.EXPIRED);
    }

    @Test
    void aPaymentAfterTheOrderExpiredIsRefundedAndGetsNoKeys() {
        aCardOrderOf(150_000);
        on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);
        on(new Trigger.DeadlineReached(DeadlineKind.PAYMENT_DUE), PLACED_AT.plus(Duration.ofHours(1)));

        Decision late =
                on(paid("cs_1", "pi_1"), PLACED_AT.plus(Duration.ofHours(1)).plusSeconds(2));

        assertThat(late.events()).isEmpty();
        assertThat(late.effects()).containsExactly(new Effect.RefundAtProvider("pi_1", 178_500, "refund-late-pi_1"));
    }

    @Test
    void aSecondPaidSessionOfAPaidOrderIsRefunded() {
        aCardOrderOf(150_000);
        on(paid("cs_1", "pi_1"), PLACED_AT);

        assertThat(on(paid("cs_2", "pi_2"), PLACED_AT).effects())
                .containsExactly(new Effect.RefundAtProvider("pi_2", 178_500, "refund-duplicate-pi_2"));
    }

    @Test
    void reconciliationAsksTheProviderAndRetriesWhileTheCheckoutIsOpen() {
        aCardOrderOf(150_000);
        on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);

        assertThat(on(new Trigger.DeadlineReached(DeadlineKind.RECONCILE), PLACED_AT.plus(Duration.ofMinutes(2)))
                        .effects())
                .containsExactly(new Effect.ReconcileWithProvider("cs_1"));
        assertThat(on(new Trigger.CheckoutStillOpen("cs_1"), PLACED_AT.plus(Duration.ofMinutes(2)))
                        .effects())
                .containsExactly(
                        new Effect.ScheduleDeadline(DeadlineKind.RECONCILE, PLACED_AT.plus(Duration.ofMinutes(4))));
        assertThat(on(paid("cs_1", "pi_1"), PLACED_AT.plus(Duration.ofMinutes(4)))
                        .events())
                .hasSize(2);
    }

    @Test
    void anInvoiceIsPaidByTransfersOnlyWhenTheyCoverTheGross() {
        anInvoiceOrderOf(100_000, false);
        Invoice invoice = Invoice.of("2026-000001", 100_000, 1_900, "EUR", LocalDate.of(2026, 12, 7), 14);
        assertThat(on(new Trigger.InvoiceCreated(invoice), PLACED_AT).effects()).hasSize(3);

        Decision part = on(new Trigger.TransferReceived("bank-1", 100_000), PLACED_AT.plus(Duration.ofDays(2)));
        assertThat(part.events()).singleElement().isInstanceOf(PaymentEvent.TransferRecorded.class);
        assertThat(state().outstandingCents()).isEqualTo(19_000);

        assertThat(on(new Trigger.TransferReceived("bank-1", 100_000), PLACED_AT)
                        .refusal())
                .isEqualTo(PaymentProcess.TRANSFER_ALREADY_RECORDED);
        Decision rest = on(new Trigger.TransferReceived("bank-2", 20_000), PLACED_AT.plus(Duration.ofDays(3)));
        assertThat(rest.events())
                .hasExactlyElementsOfTypes(
                        PaymentEvent.TransferRecorded.class,
                        PaymentEvent.Succeeded.class,
                        PaymentEvent.LicencesIssued.class);
        assertThat(state().overpaidCents()).isEqualTo(1_000);
        assertThat(state().status()).isEqualTo(PaymentStatus.KEYS_ISSUED);
    }

    @Test
    void anInvoiceIsRemindedAroundItsDueDateThenCancelledAfterGrace() {
        anInvoiceOrderOf(100_000, true);
        Invoice invoice = Invoice.of("2026-000002", 100_000, 1_900, "EUR", LocalDate.of(2026, 12, 7), 14);
        Decision issued = on(new Trigger.InvoiceCreated(invoice), PLACED_AT);
        assertThat(issued.events())
                .hasExactlyElementsOfTypes(PaymentEvent.InvoiceIssued.class, PaymentEvent.LicencesIssued.class);

        assertThat(on(new Trigger.DeadlineReached(DeadlineKind.INVOICE_REMINDER), PLACED_AT)
                        .events())
                .singleElement()
                .isInstanceOf(PaymentEvent.Reminded.class);
        assertThat(on(new Trigger.DeadlineReached(DeadlineKind.INVOICE_OVERDUE), PLACED_AT)
                        .events())
                .hasSize(1);
        Decision end = on(new Trigger.DeadlineReached(DeadlineKind.INVOICE_GRACE_END), PLACED_AT);
        assertThat(end.effects()).contains(new Effect.CancelOrder("invoice-unpaid"));
        assertThat(state().status()).isEqualTo(PaymentStatus.EXPIRED);
    }

    @Test
    void anInvoiceOrderWithoutEarlyKeysGetsOnlyItsInvoice() {
        anInvoiceOrderOf(100_000, false);
        Invoice invoice = Invoice.of("2026-000003", 100_000, 1_900, "EUR", LocalDate.of(2026, 12, 7), 14);

        assertThat(on(new Trigger.InvoiceCreated(invoice), PLACED_AT).events())
                .hasExactlyElementsOfTypes(PaymentEvent.InvoiceIssued.class);
        assertThat(state().keysIssued()).isFalse();
    }

    @Test
    void paymentReissuesNoEarlyKeysAndAPaidOrderOutlivesGrace() {
        anInvoiceOrderOf(100_000, true);
        Invoice invoice = Invoice.of("2026-000004", 100_000, 1_900, "EUR", LocalDate.of(2026, 12, 7), 14);
        on(new Trigger.InvoiceCreated(invoice), PLACED_AT);
        assertThat(state().status()).isEqualTo(PaymentStatus.AWAITING_PAYMENT);
        assertThat(state().keysIssued()).isTrue();

        Decision paid = on(new Trigger.TransferReceived("bank-1", 119_000), PLACED_AT.plus(Duration.ofDays(5)));

        assertThat(paid.events())
                .hasExactlyElementsOfTypes(PaymentEvent.TransferRecorded.class, PaymentEvent.Succeeded.class);
        assertThat(paid.effects()).doesNotContain(new Effect.SignLicenceKeys());
        assertThat(state().status()).isEqualTo(PaymentStatus.KEYS_ISSUED);
        assertThat(on(new Trigger.DeadlineReached(DeadlineKind.INVOICE_GRACE_END), PLACED_AT.plus(Duration.ofDays(30)))
                        .changesNothing())
                .isTrue();
    }

    @Test
    void aCardOrderWaitsForItsPaymentWhateverItsLicencesAllow() {
        history.add(new PaymentEvent.Placed("order-1", PaymentMethod.CARD, 150_000, "EUR", PLACED_AT, true));

        Decision checkout =
                on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);
        assertThat(checkout.events()).hasExactlyElementsOfTypes(PaymentEvent.CheckoutRequested.class);
        assertThat(state().keysIssued()).isFalse();

        assertThat(on(paid("cs_1", "pi_1"), PLACED_AT).events())
                .hasExactlyElementsOfTypes(PaymentEvent.Succeeded.class, PaymentEvent.LicencesIssued.class);
    }

    @Test
    void refundsAreRefusedForUnpaidOrdersAndASecondTime() {
        aCardOrderOf(150_000);
        assertThat(on(new Trigger.RefundAsked("sales"), PLACED_AT).refusal()).isEqualTo(PaymentProcess.NOT_PAID);
        on(paid("cs_1", "pi_1"), PLACED_AT);

        Decision refund = on(new Trigger.RefundAsked("sales"), PLACED_AT);
        assertThat(refund.effects()).contains(new Effect.RefundAtProvider("pi_1", 178_500, "refund-order-1"));
        assertThat(on(new Trigger.RefundAsked("sales"), PLACED_AT).refusal())
                .isEqualTo(PaymentProcess.ALREADY_REFUNDED);

        Decision confirmed = on(new Trigger.RefundConfirmed("re_1", 178_500), PLACED_AT);
        assertThat(confirmed.effects()).contains(new Effect.RevokeLicences("refunded"));
        assertThat(state().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(on(new Trigger.RefundConfirmed("re_1", 178_500), PLACED_AT).changesNothing())
                .isTrue();
        assertThat(on(new Trigger.RefundAsked("sales"), PLACED_AT).refusal())
                .isEqualTo(PaymentProcess.ALREADY_REFUNDED);
    }

    @Test
    void theStateIsTheSameWhenFoldedAgainFromTheRecordedEvents() {
        aCardOrderOf(150_000);
        on(new Trigger.CheckoutCreated(1, "cs_1", 178_500, PLACED_AT.plus(Duration.ofHours(1))), PLACED_AT);
        on(paid("cs_1", "pi_1"), PLACED_AT);
        PaymentState before = state();

        assertThat(PaymentState.from(List.copyOf(history))).isEqualTo(before);
    }
}
