package com.licenceshop.notification.inbound;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.notification.ledger.Claim;
import com.licenceshop.notification.retry.DelaySchedule;
import com.licenceshop.notification.retry.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeliveryDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");

    private final DeliveryDecisions decisions = new DeliveryDecisions(new RetryPolicy(
            DelaySchedule.of(ofSeconds(1), ofSeconds(30), ofMinutes(5)), Clock.fixed(NOW, ZoneOffset.UTC)));

    private final Delivery firstDelivery = new Delivery(0, 0, false);

    @Test
    void aMailSentBeforeIsDoneWithoutSendingAgain() {
        Outcome outcome = decisions.notClaimed(
                new Claim.AlreadySent("<m-1@shop>", Instant.parse("2026-12-07T21:00:00Z")), firstDelivery);

        assertThat(outcome)
                .isEqualTo(new Outcome.Done("already sent as <m-1@shop> at 2026-12-07T21:00:00Z: sent nothing"));
    }

    @Test
    void aMailParkedBeforeParksThisCopyToo() {
        Outcome outcome = decisions.notClaimed(new Claim.AlreadyFailed("550 no such user"), new Delivery(2, 0, false));

        assertThat(outcome).isEqualTo(new Outcome.Parked("parked before: 550 no such user", 2));
    }

    @Test
    void aMailHeldByAnotherDeliveryWaitsAlongTheScheduleAndCountsTheWait() {
        assertThat(decisions.notClaimed(new Claim.Busy(), firstDelivery))
                .isEqualTo(new Outcome.Deferred(ofSeconds(1), 1));
        assertThat(decisions.notClaimed(new Claim.Busy(), new Delivery(0, 7, false)))
                .as("the wait stays at the schedule's last step")
                .isEqualTo(new Outcome.Deferred(ofMinutes(5), 8));
    }

    @Test
    void aTransientSmtpFailureIsRetriedAfterTheNextDelay() {
        DeliveryDecisions.AfterFailedSend after =
                decisions.afterFailedSend(new Delivery(1, 0, false), "421 try later", false);

        assertThat(after)
                .isEqualTo(new DeliveryDecisions.AfterFailedSend.Retry(
                        new Outcome.RetryLater(ofSeconds(30), 2, "421 try later"), NOW.plusSeconds(30)));
    }

    @Test
    void aTransientSmtpFailureAfterTheLastDelayIsGivenUp() {
        DeliveryDecisions.AfterFailedSend after =
                decisions.afterFailedSend(new Delivery(3, 0, false), "421 try later", false);

        assertThat(after)
                .isEqualTo(new DeliveryDecisions.AfterFailedSend.GiveUp(
                        new Outcome.Parked("gave up after 4 attempts: 421 try later", 4)));
    }

    @Test
    void aPermanentSmtpFailureIsGivenUpAtOnce() {
        DeliveryDecisions.AfterFailedSend after = decisions.afterFailedSend(firstDelivery, "550 no such user", true);

        assertThat(after)
                .isEqualTo(new DeliveryDecisions.AfterFailedSend.GiveUp(
                        new Outcome.Parked("permanent: 550 no such user", 1)));
    }

    @Test
    void aMailThatCannotBeRenderedIsGivenUpAtOnce() {
        DeliveryDecisions.AfterFailedSend after =
                decisions.cannotRender(firstDelivery, new IllegalStateException("no template"));

        assertThat(after.outcome()).isEqualTo(new Outcome.Parked("cannot render the mail: no template", 1));
    }

    @Test
    void aDatabaseFailureBacksOffAlongTheSameScheduleUntilItIsUsedUp() {
        IllegalStateException down = new IllegalStateException("connection refused");

        assertThat(decisions.afterUnexpectedFailure(firstDelivery, down))
                .isEqualTo(new Outcome.RetryLater(ofSeconds(1), 1, "IllegalStateException: connection refused"));
        assertThat(decisions.afterUnexpectedFailure(new Delivery(3, 0, false), down))
                .isEqualTo(
                        new Outcome.Parked("gave up after 4 attempts: IllegalStateException: connection refused", 4));
    }

    @Test
    void anEventOlderThanTheLedgerKeepsIsDoneWithoutAMail() {
        assertThat(DeliveryDecisions.tooOldToMail(Instant.parse("2026-01-01T00:00:00Z")))
                .isEqualTo(new Outcome.Done(
                        "occurred 2026-01-01T00:00:00Z, older than the mail ledger keeps: sent nothing"));
    }
}
