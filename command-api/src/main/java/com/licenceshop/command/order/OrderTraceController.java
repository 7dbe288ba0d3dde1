package com.licenceshop.command.order;

import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.TraceHeaders;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;

/**
 * {@code GET /api/ops/orders/{id}/trace} (ops login): the trace of the request that placed an order, for the ops
 * console's "open trace" without the buyer's e-mail or keys.
 */
@Controller("/api/ops/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
class OrderTraceController {

    private final OrderQueries queries;

    OrderTraceController(OrderQueries queries) {
        this.queries = queries;
    }

    @Serdeable
    record OrderTrace(UUID orderId, @Nullable String traceId) {}

    @Get("/{id}/trace")
    @Operation(summary = "The trace id of the request that placed an order (null for orders placed before tracing)")
    @ApiResponse(
            responseCode = "200",
            description = "The order's trace id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderTrace.class)))
    @ProblemResponses.OpsOnly
    @ProblemResponses.NotFound
    @ProblemResponses.Unavailable
    OrderTrace trace(@OrderIdParameter @PathVariable String id) {
        UUID orderId;
        try {
            orderId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.exception(ProblemType.NOT_FOUND, "There is no order " + id + ".");
        }
        return queries.find(orderId)
                .map(order -> new OrderTrace(order.id(), new TraceHeaders.Stored(order.traceparent(), null).traceId()))
                .orElseThrow(() -> Problems.exception(ProblemType.NOT_FOUND, "There is no order " + id + "."));
    }
}
