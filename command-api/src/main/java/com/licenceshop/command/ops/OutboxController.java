package com.licenceshop.command.ops;

import com.licenceshop.command.outbox.Outbox;
import com.licenceshop.command.outbox.OutboxRelay;
import com.licenceshop.command.outbox.OutboxStatus;
import com.licenceshop.command.problem.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;

@Controller("/api/ops/outbox")
@ExecuteOn(TaskExecutors.BLOCKING)
class OutboxController {

    private final Outbox outbox;
    private final OutboxRelay relay;

    OutboxController(Outbox outbox, OutboxRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    /** The outbox as a whole, plus what the relay of the replica that answered is doing. */
    @Serdeable
    record OutboxReport(
            long pending,
            long headSequence,
            long publishedSequence,
            @Nullable Instant oldestPendingAt,
            @Nullable String lastError,
            Relay relay) {}

    @Serdeable
    record Relay(
            boolean active,
            long published,
            int consecutiveFailures,
            @Nullable String lastError) {}

    @Get
    @Operation(summary = "Unpublished events and the relay's state (ops credential)")
    @ProblemResponses.OpsOnly
    @ProblemResponses.Unavailable
    OutboxReport status() {
        OutboxStatus status = outbox.status();
        return new OutboxReport(
                status.pending(),
                status.headSequence(),
                status.publishedSequence(),
                status.oldestPendingAt(),
                status.lastError(),
                new Relay(relay.isActive(), relay.publishedCount(), relay.consecutiveFailures(), relay.lastError()));
    }
}
