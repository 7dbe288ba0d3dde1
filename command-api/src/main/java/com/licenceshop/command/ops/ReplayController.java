package com.licenceshop.command.ops;

import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.outbox.EventReplay;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.events.Topology;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

@Controller("/api/ops/replay")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReplayController {

    private final EventReplay replay;
    private final Topology topology;

    ReplayController(EventReplay replay, Topology topology) {
        this.replay = replay;
        this.topology = topology;
    }

    @Serdeable
    record Replayed(String consumer, String queue, long after, long upTo, long replayed) {
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-deliver events after..upTo to one consumer's queue, marked as replay (ops credential)",
            description = "Only that consumer's queue receives them (default exchange), with header x-shop-replay: "
                    + "true; consumers deduplicate by event id. upTo defaults to the newest event; at most "
                    + ReplayPlan.MAX_EVENTS + " events per call.")
    @SecurityRequirement(name = "ops")
    Replayed replay(@Nullable @Body ReplayRequest request) {
        ReplayPlan.Checked checked = ReplayPlan.check(request == null ? new ReplayRequest(null, null, null) : request,
                topology, replay::headSequence);
        if (!checked.violations().isEmpty()) {
            throw new ProblemException(Problems.of(ProblemType.INVALID_REQUEST, "Invalid replay request.",
                    checked.violations()));
        }
        ReplayPlan plan = checked.plan();
        long replayed;
        try {
            replayed = replay.replay(plan.queue(), plan.after(), plan.upTo());
        } catch (EventReplay.ReplayException e) {
            if (e.queueMissing()) {
                throw Problems.exception(ProblemType.CONFLICT, "Queue " + plan.queue()
                        + " does not exist: start " + plan.consumer() + " once so it declares its queue.");
            }
            throw Problems.exception(ProblemType.UNAVAILABLE, "Replay to " + plan.queue() + " failed: "
                    + e.getMessage() + ". Events already delivered are harmless; run it again.");
        }
        return new Replayed(plan.consumer(), plan.queue(), plan.after(), plan.upTo(), replayed);
    }
}
