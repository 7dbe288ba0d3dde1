package com.licenceshop.notification.inbound;

import com.licenceshop.notification.mail.MailKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * {@code notification.mails.sent|failed|retried|parked} (counters, tagged with the mail kind) and
 * {@code notification.mails.delivery} (timer: from the event's occurredAt to the server's acceptance).
 */
@Singleton
class MailMetrics {

    private final MeterRegistry registry;

    MailMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered up front, so dashboards and alerts see 0 instead of no series before the first mail
        for (MailKind kind : MailKind.values()) {
            counter("notification.mails.sent", "mails accepted by the SMTP server", kind);
            counter("notification.mails.retried", "retries scheduled through a delay queue", kind);
            Counter.builder("notification.mails.parked")
                    .description("events parked in the dead-letter queue")
                    .tag("kind", kind.name())
                    .register(registry);
            failedCounter(kind, false);
            failedCounter(kind, true);
        }
    }

    void sent(MailKind kind, Duration sinceEvent) {
        counter("notification.mails.sent", "mails accepted by the SMTP server", kind)
                .increment();
        Timer.builder("notification.mails.delivery")
                .description("time from the event's occurredAt until the SMTP server accepted its mail")
                .tag("kind", kind.name())
                .publishPercentileHistogram()
                .register(registry)
                .record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    /** A send attempt failed (it is then retried or parked). */
    void failed(MailKind kind, boolean permanent) {
        failedCounter(kind, permanent).increment();
    }

    private Counter failedCounter(MailKind kind, boolean permanent) {
        return Counter.builder("notification.mails.failed")
                .description("send attempts the SMTP server did not accept")
                .tag("kind", kind.name())
                .tag("permanent", String.valueOf(permanent))
                .register(registry);
    }

    void retried(MailKind kind) {
        counter("notification.mails.retried", "retries scheduled through a delay queue", kind)
                .increment();
    }

    void parked(String kind) {
        Counter.builder("notification.mails.parked")
                .description("events parked in the dead-letter queue")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    void duplicate(MailKind kind) {
        counter("notification.mails.duplicates", "deliveries of events whose mail was already sent", kind)
                .increment();
    }

    private Counter counter(String name, String description, MailKind kind) {
        return Counter.builder(name)
                .description(description)
                .tag("kind", kind.name())
                .register(registry);
    }
}
