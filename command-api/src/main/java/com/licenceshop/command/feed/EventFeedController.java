package com.licenceshop.command.feed;

import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

@Controller("/api/events")
class EventFeedController {

    static final String NDJSON = "application/x-ndjson";
    /** The horizon the page was cut at: a client that reaches it has seen every event committed so far. */
    static final String HORIZON_HEADER = "Shop-Feed-Horizon";

    /** One line of the feed as documented in OpenAPI: the event's stored JSON, whose other fields depend on its type. */
    @Schema(
            name = "FeedEvent",
            description = "An event as stored (shop-events' JSON codec); each type adds its own fields")
    record FeedEvent(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {
                        "OrderPlaced",
                        "OrderCancelled",
                        "SalesPeriodClosed",
                        "ProductAdded",
                        "ProductChanged",
                        "ProductRetired",
                        "LicenceRevoked"
                    })
            String type,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            UUID eventId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            long sequence,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            Instant occurredAt) {}

    private final EventFeed feed;
    private final FeedConfig config;
    private final Scheduler blocking;

    EventFeedController(EventFeed feed, FeedConfig config, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.feed = feed;
        this.config = config;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Get(produces = NDJSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "Events after a sequence, ascending, one JSON per line (ops credential)",
            description = "Page with after = the last sequence received. Only events below the horizon (header "
                    + HORIZON_HEADER + ") are returned: none of a smaller sequence can appear later.")
    @ApiResponse(
            responseCode = "200",
            description =
                    "Newline-delimited JSON: one stored event per line "
                            + "(OrderPlaced, OrderCancelled, ProductAdded, ... as docs/contracts.md lists them), ascending by sequence",
            headers =
                    @Header(
                            required = true,
                            name = HORIZON_HEADER,
                            description = "the sequence this page was cut at: after reading up "
                                    + "to it a client has seen every event committed so far",
                            schema = @Schema(type = "integer", format = "int64")),
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = FeedEvent.class)))
    @ProblemResponses.OpsOnly
    @ProblemResponses.BadRequest
    @ProblemResponses.Unavailable
    HttpResponse<Publisher<byte[]>> events(
            @Parameter(
                            description = "sequence to start after; empty or left out: 0",
                            allowEmptyValue = true,
                            schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
                    @Nullable
                    @QueryValue
                    String after,
            @Parameter(
                            description = "most events to return; empty or left out: shop.feed.default-limit (1000)",
                            allowEmptyValue = true,
                            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100000"))
                    @Nullable
                    @QueryValue
                    String limit)
            throws SQLException {
        List<Violation> violations = new ArrayList<>();
        long from = parse("after", after, 0, 0, Long.MAX_VALUE, violations);
        long max = parse("limit", limit, config.defaultLimit(), 1, config.maxLimit(), violations);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problems.of(ProblemType.INVALID_REQUEST, "Invalid feed query.", violations));
        }
        long horizon = feed.horizon();
        Publisher<byte[]> body = feed.stream(from, horizon, (int) max).subscribeOn(blocking);
        return HttpResponse.ok(body)
                .contentType(NDJSON)
                .header(HORIZON_HEADER, Long.toString(horizon))
                // every buyer's e-mail and keys: never kept by a cache
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static long parse(
            String name, @Nullable String value, long fallback, long min, long max, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation(name, "range", "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
