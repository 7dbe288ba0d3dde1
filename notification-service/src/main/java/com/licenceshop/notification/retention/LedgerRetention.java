package com.licenceshop.notification.retention;

import com.licenceshop.notification.ledger.ExpiredMails;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LedgerRetentionPolicy}: hourly it forgets the finished mails the policy lets go, and it tells
 * delivery which events are too old to mail. Every instance may run it; the delete is idempotent.
 */
@Singleton
public class LedgerRetention {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerRetention.class);

    private final ExpiredMails expiredMails;
    private final LedgerRetentionPolicy policy;
    private final Clock clock;

    LedgerRetention(ExpiredMails expiredMails, @Value("${shop.retention.mails}") Duration keep, Clock clock) {
        this.expiredMails = expiredMails;
        this.policy = new LedgerRetentionPolicy(keep);
        this.clock = clock;
    }

    public boolean tooOldToMail(Instant occurredAt) {
        return policy.tooOldToMail(occurredAt, clock.instant());
    }

    @Scheduled(fixedDelay = "${shop.retention.interval}", initialDelay = "5m")
    void scheduled() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            LOG.warn("mail ledger retention failed, will try again: {}", e.toString());
        }
    }

    /** @return the rows deleted */
    public long deleteExpired() {
        Instant cutoff = policy.forgetBefore(clock.instant());
        long deleted = expiredMails.deleteFinishedCreatedBefore(cutoff);
        if (deleted > 0) {
            LOG.info("mail ledger retention: deleted {} finished mails created before {}", deleted, cutoff);
        }
        return deleted;
    }
}
