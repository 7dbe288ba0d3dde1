package com.licenceshop.command.ops;

import com.licenceshop.command.outbox.EventReplay;
import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.request.RequestBodies;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

@Controller("/api/ops/replay")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReplayController {

    private final EventReplay replay;
    private final Topology topology;
    private final RequestBodies bodies;

    ReplayController(EventReplay replay, Topology topology, RequestBodies bodies) {
        this.replay = replay;
        this.topology = topology;
        this.bodies = bodies;
    }

    @Serdeable
    record Replayed(String consumer, String queue, long after, long upTo, long replayed) {}

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Re-deliver events after..upTo to one consumer's queue, marked as replay (ops credential)",
            description = "Only that consumer's queue receives them (default exchange), with header x-shop-replay: "
                    + "true; consumers deduplicate by event id. upTo defaults to the newest event; at most "
                    + ReplayPlan.MAX_EVENTS + " events per call.")
    @RequestBody(
            required = false,
            description = "all fields may be left out; no body at all replays everything to the default consumer",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReplayRequest.class)))
    @ProblemResponses.OpsOnly
    @ProblemResponses.JsonBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unavailable
    Replayed replay(HttpRequest<?> http, @Nullable @Body byte[] body) {
        // read strictly, as every command body (RequestBodies); no body at all replays everything to the default
        ReplayRequest request = body == null || body.length == 0
                ? new ReplayRequest(null, null, null)
                : bodies.parse(http, body, Argument.of(ReplayRequest.class), "{consumer, after, upTo}");
        ReplayPlan.Checked checked = ReplayPlan.check(request, topology, replay::headSequence);
        if (!checked.violations().isEmpty()) {
            throw new ProblemException(
                    Problems.of(ProblemType.INVALID_REQUEST, "Invalid replay request.", checked.violations()));
        }
        ReplayPlan plan = checked.plan();
        long replayed;
        try {
            replayed = replay.replay(plan.queue(), plan.after(), plan.upTo());
        } catch (EventReplay.ReplayException e) {
            if (e.queueMissing()) {
                throw Problems.exception(
                        ProblemType.CONFLICT,
                        "Queue " + plan.queue() + " does not exist: start " + plan.consumer()
                                + " once so it declares its queue.");
            }
            throw Problems.exception(
                    ProblemType.UNAVAILABLE,
                    "Replay to " + plan.queue() + " failed: " + e.getMessage()
                            + ". Events already delivered are harmless; run it again.");
        }
        return new Replayed(plan.consumer(), plan.queue(), plan.after(), plan.upTo(), replayed);
    }
}
