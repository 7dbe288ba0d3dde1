package com.licenceshop.command.order;

import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.idempotency.RequestFingerprint;
import com.licenceshop.command.request.RequestBodies;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.servicedefaults.Violation;
import com.licenceshop.command.system.CorrelationIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

@Controller("/api/orders")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final PlacingOrders placing;
    private final CancellingOrders cancelling;
    private final OrderQueries queries;
    private final RequestBodies bodies;

    OrderController(PlacingOrders placing, CancellingOrders cancelling, OrderQueries queries, RequestBodies bodies) {
        this.placing = placing;
        this.cancelling = cancelling;
        this.queries = queries;
        this.bodies = bodies;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order",
            description = "Prices the order from the catalog and stores it with its OrderPlaced event. "
                    + "Send an Idempotency-Key to make retries safe: a repeat returns the original answer.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderRequestSchema.class))))
    @ApiResponse(responseCode = "202", description = "Order stored (or, for a repeated Idempotency-Key, the one stored "
            + "before); events follow asynchronously",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(required = true, name = HttpHeaders.LOCATION, description = "/api/orders/{orderId}",
                            schema = @Schema(type = "string")),
                    @io.swagger.v3.oas.annotations.headers.Header(name = REPLAYED, description = "true when the answer is "
                            + "the one stored for this Idempotency-Key (no new order); absent otherwise",
                            schema = @Schema(type = "string", allowableValues = "true"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderAccepted.class)))
    @ProblemResponses.JsonBody
    @ProblemResponses.OrderRefused
    @ProblemResponses.Unavailable
    // not on the blocking pool: parsing and validating are CPU only, and the answer comes when the batch committed
    CompletableFuture<HttpResponse<OrderAccepted>> place(HttpRequest<?> request,
                                      @Nullable @Body byte[] body,
                                      @Parameter(description = "makes retries safe: the same key with the same order "
                                              + "answers the first answer; with another order 422",
                                              schema = @Schema(type = "string", pattern = "^[\\x21-\\x7E]{1,"
                                                      + RequestFingerprint.MAX_KEY_LENGTH + "}$"))
                                      @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey) {
        Object parsed = bodies.parse(request, body, "{customerEmail, items}");
        if (idempotencyKey != null && !RequestFingerprint.isValidKey(idempotencyKey)) {
            throw new ProblemException(Problems.of(ProblemType.INVALID_REQUEST, "The Idempotency-Key header is malformed.",
                    List.of(new Violation(IDEMPOTENCY_KEY, "format",
                            "must be 1 to " + RequestFingerprint.MAX_KEY_LENGTH + " visible ASCII characters"))));
        }
        var validated = OrderRequestValidation.validate(parsed, placing.catalog());
        if (validated instanceof OrderRequestValidation.Invalid invalid && invalid.namesAnUnknownSku()) {
            // the catalog of this instance's last batch may predate a licence added since (here or on another
            // replica): an unknown SKU is checked once more against the table before it is refused
            validated = OrderRequestValidation.validate(parsed, placing.currentCatalog());
        }
        if (validated instanceof OrderRequestValidation.Invalid invalid) {
            throw new ProblemException(Problems.of(ProblemType.INVALID_ORDER,
                    "The order breaks " + invalid.violations().size() + " rule(s); nothing was stored.",
                    invalid.violations()));
        }
        if (validated instanceof OrderRequestValidation.NotOnSale notOnSale) {
            throw new ProblemException(Problems.of(ProblemType.LICENCE_NOT_ON_SALE,
                    "The order names a licence that is no longer sold; nothing was stored.", notOnSale.violations()));
        }
        PlaceOrder order = ((OrderRequestValidation.Valid) validated).order();
        return placing.place(order, idempotencyKey, fingerprint(order), CorrelationIds.of(request))
                .thenApply(OrderController::answer);
    }

    private static HttpResponse<OrderAccepted> answer(PlacingOrders.Outcome outcome) {
        if (outcome instanceof PlacingOrders.Accepted accepted) {
            var response = HttpResponse.accepted(location(accepted.orderId())).body(OrderAccepted.accepted(accepted.orderId()));
            return accepted.replayed() ? response.header(REPLAYED, "true") : response;
        }
        throw new ProblemException(Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for a different order; use a new key for a new order.",
                List.of(new Violation(IDEMPOTENCY_KEY, "same-request", "must only be repeated with the same body"))));
    }

    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "An order with its lines, total, status and placement time")
    @ApiResponse(responseCode = "200", description = "The order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Unavailable
    OrderView get(@OrderIdParameter @PathVariable String id) {
        UUID orderId = orderId(id);
        return queries.find(orderId).map(OrderView::of).orElseThrow(() -> notFound(id));
    }

    @Post("/{id}/cancel")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Cancel an order (idempotent: cancelling twice records one OrderCancelled)")
    @ApiResponse(responseCode = "202", description = "Order cancelled (now or before)",
            headers = @io.swagger.v3.oas.annotations.headers.Header(required = true, name = HttpHeaders.LOCATION, description = "/api/orders/{orderId}",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderAccepted.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Unavailable
    HttpResponse<OrderAccepted> cancel(HttpRequest<?> request, @OrderIdParameter @PathVariable String id) {
        UUID orderId = orderId(id);
        return cancelling.cancel(orderId, CorrelationIds.of(request))
                .map(cancelled -> HttpResponse.accepted(location(cancelled)).body(OrderAccepted.cancelled(cancelled)))
                .orElseThrow(() -> notFound(id));
    }

    private static String fingerprint(PlaceOrder order) {
        List<String> parts = new ArrayList<>();
        parts.add(order.customerEmail());
        order.items().forEach(item -> {
            parts.add(item.sku());
            parts.add(Integer.toString(item.quantity()));
        });
        return RequestFingerprint.of(parts);
    }

    private static UUID orderId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return Problems.exception(ProblemType.NOT_FOUND, "There is no order " + id + ".");
    }

    private static URI location(UUID orderId) {
        return URI.create("/api/orders/" + orderId);
    }
}
