package com.licenceshop.notification.inbound;

import com.licenceshop.notification.ledger.Claim;
import com.licenceshop.notification.retry.RetryDecision;
import com.licenceshop.notification.retry.RetryPolicy;
import java.time.Instant;

/**
 * What becomes of a mail that is not sent this time, from its claim or its failure and where its message stands:
 * decisions only (time from the retry policy's clock). Sending, recording and counting are {@link MailDelivery}'s.
 */
final class DeliveryDecisions {

    /** What a failed send comes to, and so what the ledger records of it. */
    sealed interface AfterFailedSend {

        Outcome outcome();

        /** Try again: the ledger notes the error and when the next attempt is due. */
        record Retry(Outcome.RetryLater outcome, Instant due) implements AfterFailedSend {}

        /** Given up: the ledger marks the mail FAILED with the reason. */
        record GiveUp(Outcome.Parked outcome) implements AfterFailedSend {}
    }

    private final RetryPolicy retryPolicy;

    DeliveryDecisions(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
    }

    /** A mail this delivery did not get: sent before, parked before, or held by another delivery right now. */
    Outcome notClaimed(Claim claim, Delivery delivery) {
        if (claim instanceof Claim.AlreadySent already) {
            return new Outcome.Done(
                    "already sent as " + already.messageId() + " at " + already.sentAt() + ": sent nothing");
        }
        if (claim instanceof Claim.AlreadyFailed failed) {
            // parked before: park this copy too rather than drop it, so a re-drive always finds the event
            return new Outcome.Parked("parked before: " + failed.lastError(), delivery.failedAttempts());
        }
        return new Outcome.Deferred(retryPolicy.deferral(delivery.deferrals()), delivery.deferrals() + 1);
    }

    /**
     * Something other than SMTP failed (the database, most likely): back off along the same schedule, without
     * touching the ledger, which may be what is down.
     */
    Outcome afterUnexpectedFailure(Delivery delivery, RuntimeException failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        int failedAttempts = delivery.failedAttempts() + 1;
        RetryDecision decision = retryPolicy.afterFailedAttempt(failedAttempts);
        if (decision instanceof RetryDecision.Retry retry) {
            return new Outcome.RetryLater(retry.delay(), retry.failedAttempts(), error);
        }
        return new Outcome.Parked("gave up after " + failedAttempts + " attempts: " + error, failedAttempts);
    }

    /** The mail server did not take the mail: a permanent failure is given up at once, another while the schedule lasts. */
    AfterFailedSend afterFailedSend(Delivery delivery, String error, boolean permanent) {
        int failedAttempts = delivery.failedAttempts() + 1;
        if (permanent) {
            return giveUp("permanent: " + error, failedAttempts);
        }
        RetryDecision decision = retryPolicy.afterFailedAttempt(failedAttempts);
        if (decision instanceof RetryDecision.Retry retry) {
            return new AfterFailedSend.Retry(new Outcome.RetryLater(retry.delay(), failedAttempts, error), retry.at());
        }
        return giveUp("gave up after " + failedAttempts + " attempts: " + error, failedAttempts);
    }

    /** A mail that cannot be rendered will not render on a retry either. */
    AfterFailedSend cannotRender(Delivery delivery, RuntimeException failure) {
        return giveUp("cannot render the mail: " + failure.getMessage(), delivery.failedAttempts() + 1);
    }

    /**
     * An event older than the ledger keeps may have lost its row already: nothing could tell a resend from a first
     * send, so it is not mailed.
     */
    static Outcome tooOldToMail(Instant occurredAt) {
        return new Outcome.Done("occurred " + occurredAt + ", older than the mail ledger keeps: sent nothing");
    }

    private static AfterFailedSend giveUp(String reason, int failedAttempts) {
        return new AfterFailedSend.GiveUp(new Outcome.Parked(reason, failedAttempts));
    }
}
