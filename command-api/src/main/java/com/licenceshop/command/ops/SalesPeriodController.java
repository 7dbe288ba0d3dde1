package com.licenceshop.command.ops;

import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.system.CorrelationIds;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;

@Controller("/api/sales-periods")
@ExecuteOn(TaskExecutors.BLOCKING)
class SalesPeriodController {

    private final SalesPeriods periods;

    SalesPeriodController(SalesPeriods periods) {
        this.periods = periods;
    }

    @Serdeable
    record PeriodClosed(UUID eventId, long sequence) {}

    @Post("/close")
    @Operation(summary = "Close the current sales period: records SalesPeriodClosed (ops credential)")
    @ApiResponse(
            responseCode = "202",
            description = "Recorded; the event's id and sequence",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PeriodClosed.class)))
    @ProblemResponses.OpsOnly
    @ProblemResponses.Unavailable
    HttpResponse<PeriodClosed> close(HttpRequest<?> request, Authentication login) {
        // the ops login's user name (the intercept-url-map lets only role OPS this far)
        String closedBy = login.getName();
        var closed = periods.close(closedBy, CorrelationIds.of(request));
        return HttpResponse.accepted().body(new PeriodClosed(closed.eventId(), closed.sequence()));
    }
}
