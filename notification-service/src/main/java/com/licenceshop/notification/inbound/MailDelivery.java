package com.licenceshop.notification.inbound;

import com.licenceshop.notification.ledger.Claim;
import com.licenceshop.notification.ledger.MailLedger;
import com.licenceshop.notification.mail.MailIntent;
import com.licenceshop.notification.mail.MailRenderer;
import com.licenceshop.notification.mail.MailSendException;
import com.licenceshop.notification.mail.RenderedMail;
import com.licenceshop.notification.mail.SmtpMailer;
import com.licenceshop.notification.retention.LedgerRetention;
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
    private final DeliveryDecisions decisions;
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
        this.decisions = new DeliveryDecisions(retryPolicy);
        this.metrics = metrics;
        this.clock = clock;
        this.retention = retention;
    }

    /** One event's mail, where its message stands, and the trace context of its event's span. */
    record Job(MailIntent intent, Delivery delivery, Context trace) {}

    /** The outcome of each job, in order. */
    List<Outcome> deliver(List<Job> jobs) {
        List<Job> mailable = jobs.stream()
                .filter(job -> !retention.tooOldToMail(job.intent().occurredAt()))
                .toList();
        if (mailable.size() == jobs.size()) {
            return deliverMailable(jobs);
        }
        Iterator<Outcome> ofMailable = deliverMailable(mailable).iterator();
        return jobs.stream()
                .map(job -> mailable.contains(job)
                        ? ofMailable.next()
                        : DeliveryDecisions.tooOldToMail(job.intent().occurredAt()))
                .toList();
    }

    private List<Outcome> deliverMailable(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
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
            Outcome[] outcomes = sendClaimed(jobs, batch.claims(), record);
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
            countSent(jobs, batch.claims(), outcomes);
            return List.of(outcomes);
        }
    }

    /** Sends the claimed mails over one pooled connection, taken at the first of them; the others are not sent. */
    private Outcome[] sendClaimed(List<Job> jobs, List<Claim> claims, MailLedger.Outcomes record) {
        Outcome[] outcomes = new Outcome[jobs.size()];
        SmtpMailer.Sender sender = null;
        try {
            for (int i = 0; i < jobs.size(); i++) {
                if (claims.get(i) instanceof Claim.Claimed claimed) {
                    if (sender == null) {
                        sender = mailer.sender();
                    }
                    outcomes[i] = send(sender, jobs.get(i), claimed.attempts(), record);
                } else {
                    outcomes[i] = notClaimed(jobs.get(i), claims.get(i));
                }
            }
        } finally {
            if (sender != null) {
                sender.close();
            }
        }
        return outcomes;
    }

    private void countSent(List<Job> jobs, List<Claim> claims, Outcome[] outcomes) {
        for (int i = 0; i < jobs.size(); i++) {
            if (claims.get(i) instanceof Claim.Claimed && outcomes[i] instanceof Outcome.Done) {
                MailIntent intent = jobs.get(i).intent();
                metrics.sent(intent.kind(), Duration.between(intent.occurredAt(), clock.instant()));
            }
        }
    }

    private Outcome notClaimed(Job job, Claim claim) {
        if (claim instanceof Claim.AlreadySent) {
            metrics.duplicate(job.intent().kind());
        }
        return decisions.notClaimed(claim, job.delivery());
    }

    private Outcome send(SmtpMailer.Sender sender, Job job, int attempt, MailLedger.Outcomes record) {
        MailIntent intent = job.intent();
        RenderedMail mail;
        try {
            mail = renderer.render(intent);
        } catch (RuntimeException e) {
            return recordFailure(intent, decisions.cannotRender(job.delivery(), e), record);
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
            metrics.failed(intent.kind(), e.permanent());
            return recordFailure(
                    intent, decisions.afterFailedSend(job.delivery(), e.getMessage(), e.permanent()), record);
        } finally {
            smtp.end();
        }
        record.sent(intent, clock.instant());
        // no recipient: with the order id in the line's context, an address would tie a customer to a bearer id
        return new Outcome.Done("sent " + intent.kind() + " as " + intent.messageId() + " (attempt " + attempt + ")");
    }

    /** Adds a failed send to the batch's ledger record, and counts it. */
    private Outcome recordFailure(
            MailIntent intent, DeliveryDecisions.AfterFailedSend decision, MailLedger.Outcomes record) {
        if (decision instanceof DeliveryDecisions.AfterFailedSend.Retry retry) {
            record.retry(intent.eventId(), retry.outcome().error(), retry.due());
            metrics.retried(intent.kind());
        } else if (decision instanceof DeliveryDecisions.AfterFailedSend.GiveUp giveUp) {
            record.failed(intent.eventId(), giveUp.outcome().reason());
            metrics.parked(intent.kind().name());
        }
        return decision.outcome();
    }

    private List<Outcome> unexpected(List<Job> jobs, RuntimeException failure) {
        LoggerFactory.getLogger(MailDelivery.class)
                .error("delivery failed outside SMTP: {}", failure.toString(), failure);
        return jobs.stream()
                .map(job -> afterUnexpectedFailure(job.intent(), job.delivery(), failure))
                .toList();
    }

    /** {@link DeliveryDecisions#afterUnexpectedFailure}, counted. */
    Outcome afterUnexpectedFailure(MailIntent intent, Delivery delivery, RuntimeException failure) {
        Outcome outcome = decisions.afterUnexpectedFailure(delivery, failure);
        if (outcome instanceof Outcome.RetryLater) {
            metrics.retried(intent.kind());
        } else {
            metrics.parked(intent.kind().name());
        }
        return outcome;
    }
}
