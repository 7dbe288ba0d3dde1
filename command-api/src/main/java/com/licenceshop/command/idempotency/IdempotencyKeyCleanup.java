package com.licenceshop.command.idempotency;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets keys older than the retention. Every replica may run it; the delete is idempotent. */
@Singleton
public class IdempotencyKeyCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final IdempotencyKeys keys;
    private final IdempotencyConfig config;
    private final Clock clock;

    IdempotencyKeyCleanup(IdempotencyKeys keys, IdempotencyConfig config, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${shop.idempotency.cleanup-interval}", initialDelay = "1m")
    public int deleteExpiredKeys() {
        Instant cutoff = clock.instant().minus(config.retention());
        try {
            int deleted = keys.deleteCreatedBefore(cutoff);
            if (deleted > 0) {
                LOG.info("deleted {} idempotency keys created before {}", deleted, cutoff);
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("idempotency key cleanup failed, will try again: {}", e.toString());
            return 0;
        }
    }
}
