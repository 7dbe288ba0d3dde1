package com.licenceshop.command.order;

import com.licenceshop.command.idempotency.RequestFingerprint;
import com.licenceshop.command.payment.Payments;
import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.request.RequestBodies;
import com.licenceshop.command.system.CorrelationIds;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.Violation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
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
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

@Controller("/api/orders")
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String OPS = "OPS";
    // the buyer's e-mail, keys and token: never kept by a browser or proxy
    private static final String NO_STORE = "no-store";
    static final String REPLAYED = "Idempotent-Replayed";

    private final PlacingOrders placing;
    private final CancellingOrders cancelling;
    private final Payments payments;
    private final String shopUrl;
    private final OrderQueries queries;
    private final RequestBodies bodies;
    private final HttpClientAddressResolver addresses;
    private final RateLimit perClient;
    private final RateLimit perRecipient;

    OrderController(
            PlacingOrders placing,
            CancellingOrders cancelling,
            OrderQueries queries,
            RequestBodies bodies,
            HttpClientAddressResolver addresses,
            OrderRateLimits limits,
            Clock clock,
            MeterRegistry meters,
            Payments payments,
            @Value("${shop.payment.shop-url:`http://localhost:8080`}") String shopUrl) {
        this.placing = placing;
        this.cancelling = cancelling;
        this.payments = payments;
        this.shopUrl = shopUrl.endsWith("/") ? shopUrl.substring(0, shopUrl.length() - 1) : shopUrl;
        this.queries = queries;
        this.bodies = bodies;
        this.addresses = addresses;
        this.perClient = new RateLimit(limits.perClient(), limits.clientPeriod(), OrderRateLimits.MAX_KEYS, clock);
        this.perRecipient =
                new RateLimit(limits.perRecipient(), limits.recipientPeriod(), OrderRateLimits.MAX_KEYS, clock);
        // exported at 0 before the first refusal, so the OrdersRefusedByRateLimit alert's increase() counts that one
        // too
        meters.counter(Problems.REJECTED_METRIC, "reason", ProblemType.TOO_MANY_ORDERS.slug());
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Place an order",
            description = "Prices the order from the catalog and stores it with its OrderPlaced event. "
                    + "Send an Idempotency-Key to make retries safe: a repeat returns the original answer.",
            requestBody =
                    @RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = OrderRequestSchema.class))))
    @ApiResponse(
            responseCode = "202",
            description = "Order stored (or, for a repeated Idempotency-Key, the one stored "
                    + "before); events follow asynchronously. The body carries the order's access token (orderToken), also on a "
                    + "replayed answer",
            headers = {
                @io.swagger.v3.oas.annotations.headers.Header(
                        required = true,
                        name = HttpHeaders.LOCATION,
                        description = "/api/orders/{orderId}",
                        schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(
                        name = REPLAYED,
                        description = "true when the answer is "
                                + "the one stored for this Idempotency-Key (no new order); absent otherwise",
                        schema = @Schema(type = "string", allowableValues = "true")),
                @io.swagger.v3.oas.annotations.headers.Header(
                        required = true,
                        name = HttpHeaders.CACHE_CONTROL,
                        description = "no-store",
                        schema = @Schema(type = "string"))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderAccepted.class)))
    @ProblemResponses.JsonBody
    @ProblemResponses.OrderRefused
    @ProblemResponses.TooManyOrders
    @ProblemResponses.Unavailable
    // not on the blocking pool: parsing and validating are CPU only, and the answer comes when the batch committed
    CompletableFuture<HttpResponse<OrderAccepted>> place(
            HttpRequest<?> request,
            @Nullable @Body byte[] body,
            @Parameter(
                            description = "makes retries safe: the same key with the same order "
                                    + "answers the first answer; with another order 422",
                            schema =
                                    @Schema(
                                            type = "string",
                                            pattern = "^[\\x21-\\x7E]{1," + RequestFingerprint.MAX_KEY_LENGTH + "}$"))
                    @Nullable
                    @Header(IDEMPOTENCY_KEY)
                    String idempotencyKey) {
        limit(request, perClient, addresses.resolve(request), "this client address");
        Object parsed = bodies.parse(request, body, "{customerEmail, items}");
        if (idempotencyKey != null && !RequestFingerprint.isValidKey(idempotencyKey)) {
            throw new ProblemException(Problems.of(
                    ProblemType.INVALID_REQUEST,
                    "The Idempotency-Key header is malformed.",
                    List.of(new Violation(
                            IDEMPOTENCY_KEY,
                            "format",
                            "must be 1 to " + RequestFingerprint.MAX_KEY_LENGTH + " visible ASCII characters"))));
        }
        var validated = OrderRequestValidation.validate(parsed, placing.catalog());
        if (validated instanceof OrderRequestValidation.Invalid invalid && invalid.namesAnUnknownSku()) {
            // the catalog of this instance's last batch may predate a licence added since (here or on another
            // replica): an unknown SKU is checked once more against the table before it is refused
            validated = OrderRequestValidation.validate(parsed, placing.currentCatalog());
        }
        if (validated instanceof OrderRequestValidation.Invalid invalid) {
            throw new ProblemException(Problems.of(
                    ProblemType.INVALID_ORDER,
                    "The order breaks " + invalid.violations().size() + " rule(s); nothing was stored.",
                    invalid.violations()));
        }
        if (validated instanceof OrderRequestValidation.NotOnSale notOnSale) {
            throw new ProblemException(Problems.of(
                    ProblemType.LICENCE_NOT_ON_SALE,
                    "The order names a licence that is no longer sold; nothing was stored.",
                    notOnSale.violations()));
        }
        PlaceOrder order = ((OrderRequestValidation.Valid) validated).order();
        limit(request, perRecipient, order.customerEmail().toLowerCase(Locale.ROOT), "this e-mail address");
        // the fingerprint only ever meets a stored key's: no key, no hashing
        return placing.place(
                        order,
                        idempotencyKey,
                        idempotencyKey == null ? null : fingerprint(order),
                        CorrelationIds.of(request))
                .thenApply(OrderController::answer);
    }

    private static HttpResponse<OrderAccepted> answer(PlacingOrders.Outcome outcome) {
        if (outcome instanceof PlacingOrders.Accepted accepted) {
            var response = HttpResponse.accepted(location(accepted.orderId()))
                    .body(OrderAccepted.accepted(accepted.orderId(), accepted.accessToken()))
                    .header(HttpHeaders.CACHE_CONTROL, NO_STORE);
            return accepted.replayed() ? response.header(REPLAYED, "true") : response;
        }
        throw new ProblemException(Problems.of(
                ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for a different order; use a new key for a new order.",
                List.of(new Violation(IDEMPOTENCY_KEY, "same-request", "must only be repeated with the same body"))));
    }

    @Get("/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "An order with its lines, total, status, licence keys and the buyer's e-mail",
            description =
                    "Only for the buyer (the order's access token as Order-Token) or the ops login. Never cached.")
    @SecurityRequirement(name = "orderToken")
    @SecurityRequirement(name = "ops")
    @ApiResponse(
            responseCode = "200",
            description = "The order",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            required = true,
                            name = HttpHeaders.CACHE_CONTROL,
                            description = "no-store",
                            schema = @Schema(type = "string")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.Unavailable
    HttpResponse<OrderView> get(
            @OrderIdParameter @PathVariable String id,
            @OrderTokenParameter @Nullable @Header(OrderAccess.HEADER) String token,
            @Nullable Authentication login) {
        UUID orderId = orderId(id);
        return queries.find(orderId)
                .filter(order -> mayAccess(order, token, login))
                .map(order -> HttpResponse.ok(
                                OrderView.of(order, payments.view(orderId).orElse(null)))
                        .header(HttpHeaders.CACHE_CONTROL, NO_STORE))
                .orElseThrow(() -> notFound(id));
    }

    @Post("/{id}/checkout")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "Pay an order by card: a checkout at the card provider, whose hosted page the shopper is sent to",
            description =
                    "Only for the buyer (Order-Token) or ops. While the newest checkout is open its page is answered "
                            + "again (200); after a declined card or an expired checkout a new attempt starts (201). The provider "
                            + "is called before anything is stored: if it does not answer, 503 and nothing changed; try again. "
                            + "The keys follow once the provider reports the payment (webhook, or reconciliation if that is lost).")
    @SecurityRequirement(name = "orderToken")
    @SecurityRequirement(name = "ops")
    @ApiResponse(
            responseCode = "201",
            description = "A new checkout (attempt) was opened",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Payments.CheckoutView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The open checkout of the newest attempt",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Payments.CheckoutView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.PaymentConflict
    @ProblemResponses.Unavailable
    HttpResponse<Payments.CheckoutView> checkout(
            HttpRequest<?> request,
            @OrderIdParameter @PathVariable String id,
            @Parameter(description = "The order's access token") @Nullable @Header(OrderAccess.HEADER) String token,
            @Nullable Authentication login) {
        UUID orderId = orderId(id);
        StoredOrder order =
                queries.find(orderId).filter(o -> mayAccess(o, token, login)).orElseThrow(() -> notFound(id));
        if (order.isCancelled()) {
            throw Problems.exception(
                    ProblemType.ORDER_NOT_PAYABLE, "Order " + id + " is cancelled; it cannot be paid.");
        }
        // back to the order's page; the token rides along as in the confirmation mail's link (the provider sees it)
        String page =
                shopUrl + "/orders/" + orderId + (order.accessToken() == null ? "" : "?token=" + order.accessToken());
        Payments.CheckoutView checkout = payments.checkout(orderId, page, page, CorrelationIds.of(request));
        return (checkout.created() ? HttpResponse.created(checkout) : HttpResponse.ok(checkout))
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE);
    }

    @Post("/{id}/refund")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "Refund a paid order as a whole (sales staff)",
            description =
                    "Card: the refund goes through the provider (after this answer; payment.status REFUNDING until "
                            + "it confirms, then REFUNDED); invoice: recorded as sent back at once. The keys are revoked with "
                            + "OrderRefunded. An unpaid order or one refunded already is a 409 and nothing changes.")
    @ProblemResponses.StaffOnly
    @ApiResponse(
            responseCode = "202",
            description = "Refund recorded; the order's payment as it stands now",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Payments.PaymentView.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.PaymentConflict
    @ProblemResponses.Unavailable
    HttpResponse<Payments.PaymentView> refund(
            HttpRequest<?> request, @OrderIdParameter @PathVariable String id, Authentication staff) {
        UUID orderId = orderId(id);
        return payments.refund(orderId, staff.getName(), CorrelationIds.of(request))
                .map(view -> HttpResponse.accepted().body(view))
                .orElseThrow(() -> Problems.exception(ProblemType.NOT_FOUND, "There is no paid order " + id + "."));
    }

    @Post("/{id}/cancel")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "Cancel an order (idempotent: cancelling twice records one OrderCancelled)",
            description = "Only for the buyer (the order's access token as Order-Token) or the ops login. A missing or "
                    + "wrong token is the same 404 as an unknown order. A paid order is not cancelled (409 order-paid): "
                    + "sales staff refund it.")
    @SecurityRequirement(name = "orderToken")
    @SecurityRequirement(name = "ops")
    @ApiResponse(
            responseCode = "202",
            description = "Order cancelled (now or before)",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            required = true,
                            name = HttpHeaders.LOCATION,
                            description = "/api/orders/{orderId}",
                            schema = @Schema(type = "string")),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrderAccepted.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.PaymentConflict
    @ProblemResponses.Unavailable
    HttpResponse<OrderAccepted> cancel(
            HttpRequest<?> request,
            @OrderIdParameter @PathVariable String id,
            @OrderTokenParameter @Nullable @Header(OrderAccess.HEADER) String token,
            @Nullable Authentication login) {
        UUID orderId = orderId(id);
        return switch (cancelling.cancel(
                orderId, order -> mayAccess(order, token, login), CorrelationIds.of(request))) {
            case CANCELLED -> HttpResponse.accepted(location(orderId)).body(OrderAccepted.cancelled(orderId));
            case NOT_FOUND -> throw notFound(id);
            case PAID ->
                throw Problems.exception(
                        ProblemType.ORDER_PAID,
                        "Order " + id + " is paid: it is not cancelled but refunded, by our sales staff on request.");
        };
    }

    /** The buyer (the order's token) or ops; an order placed before tokens: ops only. */
    private static boolean mayAccess(StoredOrder order, @Nullable String token, @Nullable Authentication login) {
        return login != null && login.getRoles().contains(OPS) || OrderAccess.matches(order.accessToken(), token);
    }

    /** Takes a token of {@code key}'s bucket, or refuses with 429 and how long to wait. */
    private static void limit(HttpRequest<?> request, RateLimit limit, String key, String what) {
        limit.take(key).ifPresent(wait -> {
            request.setAttribute(Problems.RETRY_AFTER, Math.max(1, (wait.toMillis() + 999) / 1000));
            throw Problems.exception(
                    ProblemType.TOO_MANY_ORDERS,
                    "Too many orders from " + what
                            + " for now; nothing was stored. Retry after the time Retry-After says.");
        });
    }

    private static String fingerprint(PlaceOrder order) {
        List<String> parts = new ArrayList<>();
        parts.add(order.customerEmail());
        order.items().forEach(item -> {
            parts.add(item.sku());
            parts.add(Integer.toString(item.quantity()));
        });
        // a card order keeps the fingerprint it had before payment methods, so stored keys still match their repeats
        if (!PlaceOrder.CARD.equals(order.paymentMethod())) {
            parts.add(order.paymentMethod());
            parts.add(String.valueOf(order.company()));
            parts.add(String.valueOf(order.billingAddress()));
        }
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
