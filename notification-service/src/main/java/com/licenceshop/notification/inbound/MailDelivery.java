package com.licenceshop.notification.inbound;

import com.licenceshop.notification.ledger.Claim;
import com.licenceshop.notification.ledger.MailLedger;
import com.licenceshop.notification.mail.MailIntent;
import com.licenceshop.notification.mail.MailRenderer;
import com.licenceshop.notification.mail.MailSendException;
import com.licenceshop.notification.mail.RenderedMail;
import com.licenceshop.notification.mail.SmtpMailer;
import com.licenceshop.notification.retention.LedgerRetention;
import com.licenceshop.notification.retry.RetryDecision;
import com.licenceshop.notification.retry.RetryPolicy;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Sends the mails a batch of events asks for, once per event: take the hold on them, render, hand each to SMTP
 * over one pooled connection, record the batch's outcomes in one transaction. What it returns says what happens
 * to each message; it touches no broker itself.
 *
 * <p>The one gap SMTP leaves open: if the process dies after the server accepted a mail and before its SENT is
 * committed, the row stays PENDING with the attempt counted; the broker redelivers the unacknowledged message,
 * the hold died with the process, and the mail is sent again, with the same Message-ID (derived from the event
 * id), so the resend is recognisable as one (attempts shows it too). Closing the gap would take a mail server
 * that deduplicates on Message-ID. The window is one batch: at most {@code shop.notification.batch-size} mails
 * of each sender, a few milliseconds at full speed.
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
    private final Tracer tracer;

    MailDelivery(
            MailLedger ledger,
            MailRenderer renderer,
            SmtpMailer mailer,
            RetryPolicy retryPolicy,
            MailMetrics metrics,
            Clock clock,
            LedgerRetention retention,
            Tracer tracer) {
        this.tracer = tracer;
        this.ledger = ledger;
        this.renderer = renderer;
        this.mailer = mailer;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.clock = clock;
        this.retention = retention;
    }

    /** One event's mail, where its message stands, and the trace context of its event's span. */
    record Job(MailIntent intent, Delivery delivery, Context trace) {}

    Outcome deliver(MailIntent intent, Delivery delivery) {
        return deliver(List.of(new Job(intent, delivery, Context.current()))).get(0);
    }

    /** The outcome of each job, in order. */
    List<Outcome> deliver(List<Job> jobs) {
        List<Job> mailable = jobs.stream()
                .filter(job -> !retention.tooOldToMail(job.intent().occurredAt()))
                .toList();
        if (mailable.size() == jobs.size()) {
            return deliverMailable(jobs);
        }
        // an event older than the ledger keeps may have lost its row already: nothing could tell a resend from a
        // first send, so it is not mailed
        Iterator<Outcome> ofMailable = deliverMailable(mailable).iterator();
        return jobs.stream()
                .map(job -> mailable.contains(job)
                        ? ofMailable.next()
                        : new Outcome.Done("occurred " + job.intent().occurredAt()
                                + ", older than the mail ledger keeps: sent nothing"))
                .toList();
    }

    private List<Outcome> deliverMailable(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Outcome[] outcomes = new Outcome[jobs.size()];
        MailLedger.Batch batch;
        try {
            batch = ledger.claim(jobs.stream()
                    .map(j -> new MailLedger.Request(j.intent(), j.delivery().redriven()))
                    .toList());
        } catch (RuntimeException e) {
            return unexpected(jobs, e);
        }
        // the outcomes are recorded before the hold ends: a delivery that takes a mail next sees them
        try (batch) {
            var record = new MailLedger.Outcomes();
            List<Integer> sent = new ArrayList<>();
            SmtpMailer.Sender sender = null;
            try {
                for (int i = 0; i < jobs.size(); i++) {
                    Job job = jobs.get(i);
                    Claim claim = batch.claims().get(i);
                    if (claim instanceof Claim.Claimed claimed) {
                        if (sender == null) {
                            sender = mailer.sender();
                        }
                        outcomes[i] = send(sender, job, claimed.attempts(), record);
                        if (outcomes[i] instanceof Outcome.Done) {
                            sent.add(i);
                        }
                    } else {
                        outcomes[i] = notClaimed(job, claim);
                    }
                }
            } finally {
                if (sender != null) {
                    sender.close();
                }
            }
            try {
                ledger.record(record);
            } catch (RuntimeException e) {
                // the sent mails go out again on the retry (same Message-ID, the attempt counted); nothing is lost
                for (int i = 0; i < jobs.size(); i++) {
                    if (batch.claims().get(i) instanceof Claim.Claimed) {
                        outcomes[i] = afterUnexpectedFailure(
                                jobs.get(i).intent(), jobs.get(i).delivery(), e);
                    }
                }
                return List.of(outcomes);
            }
            for (int i : sent) {
                metrics.sent(
                        jobs.get(i).intent().kind(),
                        Duration.between(jobs.get(i).intent().occurredAt(), clock.instant()));
            }
            return List.of(outcomes);
        }
    }

    private Outcome notClaimed(Job job, Claim claim) {
        if (claim instanceof Claim.AlreadySent already) {
            metrics.duplicate(job.intent().kind());
            return new Outcome.Done(
                    "already sent as " + already.messageId() + " at " + already.sentAt() + ": sent nothing");
        }
        if (claim instanceof Claim.AlreadyFailed failed) {
            // parked before: park this copy too rather than drop it, so a re-drive always finds the event
            return new Outcome.Parked(
                    "parked before: " + failed.lastError(), job.delivery().failedAttempts());
        }
        return new Outcome.Deferred(
                retryPolicy.deferral(job.delivery().deferrals()), job.delivery().deferrals() + 1);
    }

    private Outcome send(SmtpMailer.Sender sender, Job job, int attempt, MailLedger.Outcomes record) {
        MailIntent intent = job.intent();
        RenderedMail mail;
        try {
            mail = renderer.render(intent);
        } catch (RuntimeException e) {
            return giveUp(
                    intent,
                    "cannot render the mail: " + e.getMessage(),
                    job.delivery().failedAttempts() + 1,
                    record);
        }
        // the SMTP conversation of this mail, a CLIENT child of its event's span
        Span smtp = tracer.spanBuilder("smtp send")
                .setParent(job.trace())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("shop.mail.kind", intent.kind().toString())
                .setAttribute("shop.mail.attempt", (long) attempt)
                .startSpan();
        try (Scope ignored = smtp.makeCurrent()) {
            sender.send(intent, mail);
        } catch (MailSendException e) {
            smtp.setStatus(StatusCode.ERROR, e.getMessage());
            return afterFailedSend(intent, job.delivery(), e, record);
        } finally {
            smtp.end();
        }
        record.sent(intent, clock.instant());
        // no recipient: with the order id in the line's context, an address would tie a customer to a bearer id
        return new Outcome.Done("sent " + intent.kind() + " as " + intent.messageId() + " (attempt " + attempt + ")");
    }

    private List<Outcome> unexpected(List<Job> jobs, RuntimeException failure) {
        LoggerFactory.getLogger(MailDelivery.class)
                .error("delivery failed outside SMTP: {}", failure.toString(), failure);
        return jobs.stream()
                .map(job -> afterUnexpectedFailure(job.intent(), job.delivery(), failure))
                .toList();
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

    private Outcome afterFailedSend(
            MailIntent intent, Delivery delivery, MailSendException failure, MailLedger.Outcomes record) {
        int failedAttempts = delivery.failedAttempts() + 1;
        metrics.failed(intent.kind(), failure.permanent());
        if (failure.permanent()) {
            return giveUp(intent, "permanent: " + failure.getMessage(), failedAttempts, record);
        }
        RetryDecision decision = retryPolicy.afterFailedAttempt(failedAttempts);
        if (decision instanceof RetryDecision.Retry retry) {
            record.retry(intent.eventId(), failure.getMessage(), retry.at());
            metrics.retried(intent.kind());
            return new Outcome.RetryLater(retry.delay(), failedAttempts, failure.getMessage());
        }
        return giveUp(
                intent,
                "gave up after " + failedAttempts + " attempts: " + failure.getMessage(),
                failedAttempts,
                record);
    }

    private Outcome giveUp(MailIntent intent, String reason, int failedAttempts, MailLedger.Outcomes record) {
        record.failed(intent.eventId(), reason);
        metrics.parked(intent.kind().name());
        return new Outcome.Parked(reason, failedAttempts);
    }
}
