package com.licenceshop.notification.ops;

import com.licenceshop.notification.ledger.MailLedger;
import com.licenceshop.notification.ledger.MailRecord;
import com.licenceshop.notification.ledger.MailStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** Ops: look at mails by status, re-drive parked events. Behind {@link OpsAuthenticationFilter}. */
@Controller("/ops")
@ExecuteOn(TaskExecutors.BLOCKING)
class OpsController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetterRedrive redrive;
    private final MailLedger ledger;

    OpsController(DeadLetterRedrive redrive, MailLedger ledger) {
        this.redrive = redrive;
        this.ledger = ledger;
    }

    @Post("/dead-letters/redrive")
    Redriven redrive(@QueryValue @Nullable UUID eventId) throws IOException {
        return new Redriven(redrive.redrive(eventId));
    }

    @Get("/mails")
    List<MailRecord> mails(
            @QueryValue(defaultValue = "FAILED") MailStatus status, @QueryValue(defaultValue = "100") int limit) {
        return ledger.findByStatus(status, Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    @Serdeable
    record Redriven(int moved) {}
}
