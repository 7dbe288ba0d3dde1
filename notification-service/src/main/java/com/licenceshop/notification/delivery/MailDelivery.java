package com.licenceshop.notification.delivery;

import com.licenceshop.notification.ledger.Claim;
import com.licenceshop.notification.ledger.MailLedger;
import com.licenceshop.notification.mail.MailIntent;
import com.licenceshop.notification.mail.MailRenderer;
import com.licenceshop.notification.mail.MailSendException;
import com.licenceshop.notification.mail.RenderedMail;
import com.licenceshop.notification.mail.SmtpMailer;
import com.licenceshop.notification.retry.RetryDecision;
import com.licenceshop.notification.retry.RetryPolicy;
import com.licenceshop.notification.retention.LedgerRetention;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends the mail an event asks for, once per event: take the hold on it, render, hand it to SMTP,
 * record it SENT. What it returns says what happens to the message; it touches no broker itself.
 *
 * <p>The one gap SMTP leaves open: if the process dies after the server accepted the mail and before SENT is
 * committed, the row stays PENDING with the attempt counted; the broker redelivers the unacknowledged message,
 * the hold died with the process, and the mail is sent again, with the same Message-ID (derived from the event
 * id), so the resend is recognisable as one (attempts shows it too). Closing the gap would take a mail server
 * that deduplicates on Message-ID; we keep the window as short as it gets: SENT is committed right after the
 * server's reply to the mail, before the SMTP session is even closed.
 */
@Singleton
class MailDelivery {

    private final MailLedger ledger;
    private final MailRenderer renderer;
    private final SmtpMailer mailer;
    private final RetryPolicy retryPolicy;
    private final MailMetrics metrics;
    private final Clock clock;
    private final LedgerRetention retention;

    MailDelivery(MailLedger ledger, MailRenderer renderer, SmtpMailer mailer, RetryPolicy retryPolicy, MailMetrics metrics,
                 Clock clock, LedgerRetention retention) {
        this.ledger = ledger;
        this.renderer = renderer;
        this.mailer = mailer;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.clock = clock;
        this.retention = retention;
    }

    Outcome deliver(MailIntent intent, Delivery delivery) {
        if (retention.tooOldToMail(intent.occurredAt())) {
            // its ledger row may be forgotten already, so nothing could tell a resend from a first send
            return new Outcome.Done("occurred " + intent.occurredAt() + ", older than the mail ledger keeps: sent nothing");
        }
        Claim claim = ledger.claim(intent, delivery.redriven());
        if (claim instanceof Claim.AlreadySent sent) {
            metrics.duplicate(intent.kind());
            return new Outcome.Done("already sent as " + sent.messageId() + " at " + sent.sentAt() + ": sent nothing");
        }
        if (claim instanceof Claim.AlreadyFailed failed) {
            // parked before: park this copy too rather than drop it, so a re-drive always finds the event
            return new Outcome.Parked("parked before: " + failed.lastError(), delivery.failedAttempts());
        }
        if (claim instanceof Claim.Busy) {
            return new Outcome.Deferred(retryPolicy.deferral(delivery.deferrals()), delivery.deferrals() + 1);
        }
        var claimed = (Claim.Claimed) claim;
        // the outcome is recorded before the hold ends: a delivery that takes the mail next sees it
        try (var hold = claimed.hold()) {
            return send(intent, delivery, claimed.attempts());
        }
    }

    private Outcome send(MailIntent intent, Delivery delivery, int attempt) {
        RenderedMail mail;
        try {
            mail = renderer.render(intent);
        } catch (RuntimeException e) {
            return giveUp(intent, "cannot render the mail: " + e.getMessage(), delivery.failedAttempts() + 1);
        }
        Instant[] sentAt = new Instant[1];
        try {
            mailer.send(intent, mail, () -> {
                sentAt[0] = clock.instant();
                ledger.markSent(intent, sentAt[0]);
            });
        } catch (MailSendException e) {
            return afterFailedSend(intent, delivery, e);
        }
        metrics.sent(intent.kind(), Duration.between(intent.occurredAt(), sentAt[0]));
        return new Outcome.Done("sent " + intent.kind() + " to " + intent.recipient() + " as " + intent.messageId()
                + " (attempt " + attempt + ")");
    }

    /**
     * Something other than SMTP failed (the database, most likely): back off along the same schedule, without
     * touching the ledger, which may be what is down.
     */
    Outcome afterUnexpectedFailure(MailIntent intent, Delivery delivery, RuntimeException failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        RetryDecision decision = retryPolicy.afterFailedAttempt(delivery.failedAttempts() + 1);
        if (decision instanceof RetryDecision.Retry retry) {
            metrics.retried(intent.kind());
            return new Outcome.RetryLater(retry.delay(), retry.failedAttempts(), error);
        }
        metrics.parked(intent.kind().name());
        int failedAttempts = delivery.failedAttempts() + 1;
        return new Outcome.Parked("gave up after " + failedAttempts + " attempts: " + error, failedAttempts);
    }

    private Outcome afterFailedSend(MailIntent intent, Delivery delivery, MailSendException failure) {
        int failedAttempts = delivery.failedAttempts() + 1;
        metrics.failed(intent.kind(), failure.permanent());
        if (failure.permanent()) {
            return giveUp(intent, "permanent: " + failure.getMessage(), failedAttempts);
        }
        RetryDecision decision = retryPolicy.afterFailedAttempt(failedAttempts);
        if (decision instanceof RetryDecision.Retry retry) {
            ledger.recordRetry(intent.eventId(), failure.getMessage(), retry.at());
            metrics.retried(intent.kind());
            return new Outcome.RetryLater(retry.delay(), failedAttempts, failure.getMessage());
        }
        return giveUp(intent, "gave up after " + failedAttempts + " attempts: " + failure.getMessage(), failedAttempts);
    }

    private Outcome giveUp(MailIntent intent, String reason, int failedAttempts) {
        ledger.markFailed(intent.eventId(), reason);
        metrics.parked(intent.kind().name());
        return new Outcome.Parked(reason, failedAttempts);
    }
}
