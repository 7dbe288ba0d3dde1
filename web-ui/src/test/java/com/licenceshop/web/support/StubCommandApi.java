package com.licenceshop.web.support;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the command API's calls as docs/contracts.md describes them, in the web UI's own test server.
 * Only the contract's shape is played here; the real command API is tested end to end by e2e-tests. The catalog's
 * endpoints are {@link StubCatalog}.
 */
@Requires(property = "spec.name", value = TestShop.SPEC_NAME)
@Controller("/stub/command-api")
@Secured(SecurityRule.IS_ANONYMOUS)
public class StubCommandApi {

    /** The catalog (issue 13), stateful; orders are priced from it. */
    public final StubCatalog catalog;

    public final List<Placed> placed = Collections.synchronizedList(new ArrayList<>());
    public final List<String> closeCalls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> orderIdByKey = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();
    // as the command API: an order is shown and cancelled only with its access token (or the ops login)
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** What {@code POST /api/orders/{id}/checkout} answers: 201 with a checkout URL, or this status as a problem. */
    public volatile int checkoutStatus = 201;

    public final List<String> checkouts = Collections.synchronizedList(new ArrayList<>());
    /** Invoices by number (ADR 13): gross asked and the transfers recorded, and who recorded them (Authorization). */
    public final Map<String, long[]> invoices = new ConcurrentHashMap<>();

    public final List<String> transferReferences = Collections.synchronizedList(new ArrayList<>());
    public final List<String> paymentAuthorizations = Collections.synchronizedList(new ArrayList<>());
    /** Orders that are paid (refundable), and those refunded. */
    public final List<String> paidOrders = Collections.synchronizedList(new ArrayList<>());

    public final List<String> refunded = Collections.synchronizedList(new ArrayList<>());
    public final List<Map<String, Object>> waiting = Collections.synchronizedList(new ArrayList<>());
    public volatile long headSequence = 0;
    public volatile long pending = 0;

    public record Placed(
            String orderId,
            Map<String, Object> body,
            @Nullable String idempotencyKey) {}

    /**
     * The credential each call to the command API carried, recorded before any stub answers (so whichever stub
     * plays an endpoint, and also for calls no stub answers).
     */
    @Requires(property = "spec.name", value = TestShop.SPEC_NAME)
    @ServerFilter("/stub/command-api/**")
    @Order(Ordered.HIGHEST_PRECEDENCE) // before this server's own security filter, which may refuse the call
    public static final class Credentials {

        public final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

        public record Seen(
                String method, String path, @Nullable String authorization) {}

        @RequestFilter
        void record(HttpRequest<?> request) {
            seen.add(new Seen(
                    request.getMethodName(),
                    request.getPath().substring("/stub/command-api".length()),
                    request.getHeaders().get("Authorization")));
        }
    }

    public StubCommandApi(StubCatalog catalog) {
        this.catalog = catalog;
    }

    @Post(value = "/api/orders", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<?> place(@Body Map<String, Object> body, @Nullable @Header("Idempotency-Key") String key) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Object email = body.get("customerEmail");
        if (!(email instanceof String text) || !text.contains("@")) {
            errors.add(Map.of("field", "customerEmail", "rule", "email", "message", "must be a valid email address"));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.getOrDefault("items", List.of());
        for (int i = 0; i < items.size(); i++) {
            Object quantity = items.get(i).get("quantity");
            if (!(quantity instanceof Number n) || n.intValue() < 1) {
                errors.add(
                        Map.of("field", "items[" + i + "].quantity", "rule", "min", "message", "must be at least 1"));
            }
            Object sku = items.get(i).get("sku");
            if (!(sku instanceof String text)
                    || catalog.find(text).filter(StubCatalog.Product::onSale).isEmpty()) {
                errors.add(Map.of(
                        "field", "items[" + i + "].sku", "rule", "known", "message", "is not a licence we sell"));
            }
        }
        if (!errors.isEmpty()) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST)
                    .contentType("application/problem+json")
                    .body(Map.of("type", "about:blank", "title", "Invalid order", "status", 400, "errors", errors));
        }
        String orderId = key == null
                ? UUID.randomUUID().toString()
                : orderIdByKey.computeIfAbsent(key, k -> UUID.randomUUID().toString());
        placed.add(new Placed(orderId, body, key));
        orders.computeIfAbsent(orderId, id -> order(id, body));
        String token = tokens.computeIfAbsent(
                orderId, id -> UUID.randomUUID().toString().replace("-", ""));
        return HttpResponse.accepted(URI.create("/api/orders/" + orderId))
                .body(Map.of("orderId", orderId, "status", "ACCEPTED", "orderToken", token));
    }

    @Get("/api/orders/{orderId}")
    HttpResponse<?> order(@PathVariable String orderId, HttpRequest<?> request) {
        Map<String, Object> order = orders.get(orderId);
        return order == null || !mayAccess(orderId, request) ? HttpResponse.notFound() : HttpResponse.ok(order);
    }

    @Get("/api/ops/orders/{orderId}/trace")
    HttpResponse<?> trace(@PathVariable String orderId, HttpRequest<?> request) {
        if (!StubOps.authorized(request)) {
            return HttpResponse.unauthorized();
        }
        Map<String, Object> order = orders.get(orderId);
        return order == null
                ? HttpResponse.notFound()
                : HttpResponse.ok(Map.of("orderId", orderId, "traceId", order.get("traceId")));
    }

    @Post("/api/orders/{orderId}/cancel")
    HttpResponse<?> cancel(@PathVariable String orderId, HttpRequest<?> request) {
        Map<String, Object> order = orders.get(orderId);
        if (order == null || !mayAccess(orderId, request)) {
            return HttpResponse.notFound();
        }
        Map<String, Object> cancelled = new java.util.HashMap<>(order);
        cancelled.put("status", "CANCELLED");
        cancelled.put("cancelledAt", Instant.now().toString());
        orders.put(orderId, cancelled);
        return HttpResponse.accepted().body(Map.of("orderId", orderId, "status", "CANCELLED"));
    }

    /** As command-api with PAYMENT_REQUIRED (ADR 13): a new checkout attempt at the provider, its hosted page. */
    @Post("/api/orders/{orderId}/checkout")
    HttpResponse<?> checkout(@PathVariable String orderId, HttpRequest<?> request) {
        Map<String, Object> order = orders.get(orderId);
        if (order == null || !mayAccess(orderId, request)) {
            return HttpResponse.notFound();
        }
        if (checkoutStatus != 201) {
            return HttpResponse.status(HttpStatus.valueOf(checkoutStatus))
                    .contentType("application/problem+json")
                    .body(Map.of("type", "about:blank", "title", "Checkout refused", "status", checkoutStatus));
        }
        checkouts.add(orderId);
        String url = "http://provider.example/c/pay/cs_test_" + orderId.replace("-", "") + "_" + checkouts.size();
        return HttpResponse.created(Map.of("checkoutUrl", url));
    }

    /** As command-api (ADR 13): staff only (a Bearer token), 404 unknown, 409 a reference twice, 201 the figures. */
    @Post(value = "/api/invoices/{number}/transfers", consumes = MediaType.APPLICATION_JSON)
    HttpResponse<?> transfer(@PathVariable String number, @Body Map<String, Object> body, HttpRequest<?> request) {
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return HttpResponse.unauthorized();
        }
        paymentAuthorizations.add(authorization);
        long[] invoice = invoices.get(number);
        if (invoice == null) {
            return HttpResponse.notFound();
        }
        String reference = (String) body.get("reference");
        if (transferReferences.contains(number + "/" + reference)) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .contentType("application/problem+json")
                    .body(Map.of(
                            "type",
                            "https://licence-shop.example/problems/transfer-already-recorded",
                            "title",
                            "Transfer recorded already",
                            "status",
                            409,
                            "detail",
                            "The transfer " + reference + " is recorded already for invoice " + number + "."));
        }
        transferReferences.add(number + "/" + reference);
        invoice[1] += ((Number) body.get("amountCents")).longValue();
        long gross = invoice[0];
        long received = invoice[1];
        return HttpResponse.created(Map.of(
                "invoiceNumber",
                number,
                "orderId",
                UUID.randomUUID().toString(),
                "grossCents",
                gross,
                "receivedCents",
                received,
                "outstandingCents",
                Math.max(0, gross - received),
                "overpaidCents",
                Math.max(0, received - gross),
                "status",
                received >= gross ? "KEYS_ISSUED" : "AWAITING_PAYMENT"));
    }

    @Post("/api/orders/{orderId}/refund")
    HttpResponse<?> refund(@PathVariable String orderId, HttpRequest<?> request) {
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return HttpResponse.unauthorized();
        }
        paymentAuthorizations.add(authorization);
        if (refunded.contains(orderId)) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .contentType("application/problem+json")
                    .body(Map.of(
                            "type",
                            "https://licence-shop.example/problems/already-refunded",
                            "title",
                            "Already refunded",
                            "status",
                            409,
                            "detail",
                            "Order " + orderId + " is refunded already."));
        }
        if (!paidOrders.contains(orderId)) {
            return HttpResponse.status(HttpStatus.CONFLICT)
                    .contentType("application/problem+json")
                    .body(Map.of(
                            "type",
                            "https://licence-shop.example/problems/order-not-paid",
                            "title",
                            "Order not paid",
                            "status",
                            409,
                            "detail",
                            "Order " + orderId + " is not paid; there is nothing to refund."));
        }
        refunded.add(orderId);
        return HttpResponse.accepted().body(Map.of("method", "CARD", "status", "REFUNDING"));
    }

    @Get("/api/ops/payments")
    HttpResponse<?> waitingPayments(HttpRequest<?> request) {
        return StubOps.authorized(request) ? HttpResponse.ok(List.copyOf(waiting)) : HttpResponse.unauthorized();
    }

    @Post("/api/sales-periods/close")
    HttpResponse<?> closePeriod(HttpRequest<?> request) {
        if (!StubOps.authorized(request)) {
            return HttpResponse.unauthorized();
        }
        closeCalls.add(Instant.now().toString());
        return HttpResponse.accepted().body(Map.of("eventId", UUID.randomUUID().toString(), "sequence", 42));
    }

    @Get("/api/licences/public-key")
    HttpResponse<?> licenceKeys() {
        return HttpResponse.ok(Map.of(
                "keyId",
                "stub-2",
                "algorithm",
                "Ed25519",
                "publicKey",
                "c3R1Yg==",
                "keys",
                List.of(Map.of("keyId", "stub-2", "signing", true), Map.of("keyId", "stub-1", "signing", false))));
    }

    @Get("/api/ops/outbox")
    HttpResponse<?> outbox(HttpRequest<?> request) {
        if (!StubOps.authorized(request)) {
            return HttpResponse.unauthorized();
        }
        return HttpResponse.ok(
                Map.of("pending", pending, "headSequence", headSequence, "publishedSequence", headSequence - pending));
    }

    /** The access token of an order the stub knows. */
    public String tokenOf(String orderId) {
        return tokens.get(orderId);
    }

    private boolean mayAccess(String orderId, HttpRequest<?> request) {
        return StubOps.authorized(request)
                || request.getHeaders()
                        .get("Order-Token", String.class)
                        .filter(token -> token.equals(tokens.get(orderId)))
                        .isPresent();
    }

    /**
     * An order placed with a payment step (ADR 13): no keys until {@link #paid}. {@code payment} is command-api's
     * {@code payment} object of the order; its id.
     */
    public String givenAnUnpaidOrder(String email, Map<String, Object> payment) {
        String orderId = givenAnOrder(email);
        Map<String, Object> order = new java.util.HashMap<>(orders.get(orderId));
        order.put("licences", List.of());
        order.put("payment", payment);
        orders.put(orderId, order);
        return orderId;
    }

    /** The order's payment changes (and its keys, once issued), as the process manager moves on. */
    public void payment(String orderId, Map<String, Object> payment, boolean keysIssued) {
        Map<String, Object> order = new java.util.HashMap<>(orders.get(orderId));
        order.put("payment", payment);
        if (keysIssued) {
            order.put(
                    "licences",
                    List.of(Map.of(
                            "line", 1, "sku", "STARTER", "seats", 1, "key", "stub." + orderId + "-1.c2lnbmF0dXJl")));
        }
        orders.put(orderId, order);
    }

    /** An order the stub knows, as if placed earlier; its id. */
    public String givenAnOrder(String email) {
        String orderId = UUID.randomUUID().toString();
        tokens.put(orderId, UUID.randomUUID().toString().replace("-", ""));
        orders.put(
                orderId,
                order(
                        orderId,
                        Map.of("customerEmail", email, "items", List.of(Map.of("sku", "STARTER", "quantity", 1)))));
        return orderId;
    }

    private Map<String, Object> order(String orderId, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Map<String, Object>> licences = new ArrayList<>();
        long total = 0;
        for (Map<String, Object> item : items) {
            StubCatalog.Product product = catalog.find((String) item.get("sku")).orElseThrow();
            int quantity = ((Number) item.get("quantity")).intValue();
            long unit = product.unitPriceCents();
            lines.add(Map.of(
                    "sku",
                    product.sku(),
                    "name",
                    product.name(),
                    "quantity",
                    quantity,
                    "unitPriceCents",
                    unit,
                    "lineTotalCents",
                    unit * quantity));
            total += unit * quantity;
            // shaped like a key; the web UI only shows it (command-api signs and verifies)
            licences.add(Map.of(
                    "line",
                    lines.size(),
                    "sku",
                    product.sku(),
                    "seats",
                    quantity,
                    "key",
                    "stub." + orderId + "-" + lines.size() + ".c2lnbmF0dXJl"));
        }
        Map<String, Object> order = new java.util.HashMap<>();
        order.put("orderId", orderId);
        order.put("customerEmail", body.get("customerEmail"));
        order.put("currency", "EUR");
        order.put("lines", lines);
        order.put("totalCents", total);
        order.put("status", "PLACED");
        order.put("placedAt", Instant.now().toString());
        // the trace the order was placed in: 32 hex digits derived from the id, so a test knows it
        order.put("traceId", orderId.replace("-", ""));
        order.put("licences", licences);
        return order;
    }
}
