package com.licenceshop.command.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.command.support.StaffLogin;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The published OpenAPI document is the API (api-fuzzing.md): the document the running service serves passes
 * Redocly's recommended rules without an error, and every answer the API gives to the fuzzer's failing cases (and a
 * request for each status of each operation) is one the document declares for that operation, as problem+json when
 * it is an error, with every header the document says it carries. Every operation of the document is exercised, so
 * a new one needs its cases here.
 */
@MicronautTest(transactional = false)
class ContractIT extends CommandApiIT {

    /** Pinned: a new version may bring new rules; installed by this test into target/redocly from the npm registry. */
    static final String REDOCLY_CLI = "@redocly/cli@2.77.0";

    static final String DOCUMENT = "/swagger/command-api-1.yml";

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    Http http;
    Map<String, Object> document;
    final List<String> breaches = new ArrayList<>();
    final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    void served() {
        http = new Http(server.getURI());
        var response = http.get(DOCUMENT);
        assertThat(response.status()).isEqualTo(200);
        document = new Yaml().load(response.body());
    }

    @AfterAll
    void cleanUp() {
        TestBroker.deleteExchanges(topology);
    }

    @Test
    void theServedDocumentPassesRedoclysRecommendedRulesWithoutErrors() throws Exception {
        Path dir = Path.of("target", "redocly").toAbsolutePath();
        Files.createDirectories(dir);
        Path served = dir.resolve("command-api-1.yml");
        Files.writeString(served, http.get(DOCUMENT).body());
        Path cli = dir.resolve("node_modules/.bin/redocly");
        if (!Files.isExecutable(cli)
                || !run(dir, 60, cli.toString(), "--version").output().contains("2.77.0")) {
            Result install =
                    run(dir, 300, "npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), REDOCLY_CLI);
            assertThat(install.exit())
                    .as("npm install %s (needs Node.js 20 and npm on PATH):%n%s", REDOCLY_CLI, install.output())
                    .isZero();
        }

        Result lint =
                run(dir, 120, cli.toString(), "lint", "--extends=recommended", "--format=stylish", served.toString());

        assertThat(lint.exit())
                .as("redocly lint --extends=recommended:%n%s", lint.output())
                .isZero();
        assertThat(lint.output()).contains("Your API description is valid");
    }

    @Test
    void everyAnswerIsOneTheDocumentDeclaresForItsOperation() {
        String big = "{\"pad\":\"" + "x".repeat(70_000) + "\"}";
        String order = TestHttp.write(Http.order("contract@example.com", "STARTER", 1));
        String product =
                "{\"sku\":\"CONTRACT_A\",\"name\":\"Contract\",\"unitPriceCents\":100,\"currency\":\"EUR\",\"keysBeforePayment\":true}";
        String changed =
                "{\"name\":\"Contract\",\"description\":\"changed\",\"unitPriceCents\":200,\"currency\":\"EUR\"}";

        // api-fuzzing.md O1: every operation that needs a credential, without one
        answer(get("/api/ops/outbox"), 401);
        answer(post("/api/sales-periods/close", null, ""), 401);
        answer(request("/api/products/0").DELETE(), 401);
        answer(get("/api/events"), 401);
        answer(post("/api/ops/replay", "application/json", "{}"), 401);
        answer(post("/api/products", "application/json", product), 401);
        answer(
                request("/api/products/STARTER")
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString(changed)),
                401);
        // ... with a credential of the wrong kind
        answer(StaffLogin.authorizeAs(request("/api/products/0"), "OPS").DELETE(), 403);
        answer(StaffLogin.authorize(get("/api/ops/outbox")), 403);
        answer(StaffLogin.authorize(get("/api/events")), 403);
        answer(StaffLogin.authorize(post("/api/sales-periods/close", null, "")), 403);
        answer(StaffLogin.authorize(post("/api/ops/replay", "application/json", "{}")), 403);
        answer(StaffLogin.authorizeAs(post("/api/products", "application/json", product), "OPS"), 403);
        answer(StaffLogin.authorizeAs(put("/api/products/STARTER", "\"1\"", changed), "OPS"), 403);

        // the catalog, as sales staff (R1, O9, O10)
        answer(get("/api/products"), 200);
        answer(get("/api/products?status=all"), 200);
        answer(get("/api/products?status=null"), 400);
        answer(get("/api/products/STARTER"), 200);
        answer(get("/api/products/NO_SUCH"), 404);
        answer(get("/api/products/0"), 404);
        answer(staff(post("/api/products", "application/json", product)), 201);
        answer(staff(post("/api/products", "application/json", product)), 409);
        answer(
                staff(post(
                        "/api/products",
                        "application/json",
                        "{\"sku\":\"ZZ_ST_NUL\",\"name\":\"A\\u0000\",\"unitPriceCents\":100,\"currency\":\"EUR\"}")),
                422);
        answer(
                staff(
                        post(
                                "/api/products",
                                "application/json",
                                "{\"sku\":\"ZZ_ST_NUL\",\"name\":\"A\",\"description\":\"x\\u0000\",\"unitPriceCents\":100,\"currency\":\"EUR\"}")),
                422);
        answer(staff(post("/api/products", "application/json", "null")), 400);
        answer(staff(post("/api/products", "application/json", product + " garbage")), 400);
        answer(staff(post("/api/products", "text/plain", product)), 415);
        answer(staff(post("/api/products", "application/json", big)), 413);
        answer(
                staff(request("/api/products/CONTRACT_A")
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString(changed))),
                428);
        answer(staff(put("/api/products/CONTRACT_A", "\"3\"", "null")), 400);
        answer(staff(put("/api/products/CONTRACT_A", "\"1\"", changed.replace("changed", "x\\u0000"))), 422);
        answer(staff(put("/api/products/CONTRACT_A", "\"7\"", changed)), 412);
        answer(staff(put("/api/products/CONTRACT_A", "\"1\"", changed)), 200);
        answer(staff(put("/api/products/NO_SUCH", "\"1\"", changed)), 404);
        answer(
                staff(request("/api/products/CONTRACT_A")
                        .header("Content-Type", "text/plain")
                        .header("If-Match", "\"2\"")
                        .PUT(BodyPublishers.ofString(changed))),
                415);
        answer(staff(put("/api/products/CONTRACT_A", "\"2\"", big)), 413);
        answer(staff(request("/api/products/CONTRACT_A").DELETE()), 204);
        answer(staff(put("/api/products/CONTRACT_A", "\"3\"", changed)), 409);
        answer(staff(request("/api/products/NO_SUCH").DELETE()), 404);

        // orders (O3, O5, O11, L-18)
        var placed =
                answer(post("/api/orders", "application/json", order).header("Idempotency-Key", "contract-1"), 202);
        String orderId = (String) placed.json().get("orderId");
        answer(post("/api/orders", "application/json", order).header("Idempotency-Key", "contract-1"), 202);
        answer(
                post("/api/orders", "application/json", order.replace("\"quantity\":1", "\"quantity\":2"))
                        .header("Idempotency-Key", "contract-1"),
                422);
        answer(post("/api/orders", "application/json", "{\"customerEmail\": \"ada@example.com\", \"items\": []}"), 400);
        answer(post("/api/orders", "application/json", order + " garbage"), 400);
        answer(post("/api/orders", "application/json", order).header("Idempotency-Key", "with space"), 400);
        answer(post("/api/orders", "text/plain", order), 415);
        answer(post("/api/orders", "application/json", big), 413);
        answer(
                post(
                        "/api/orders",
                        "application/json",
                        TestHttp.write(Http.order("contract@example.com", "CONTRACT_A", 1))),
                422);
        answer(get("/api/orders/" + orderId), 200); // http keeps the token of each order it placed (Order-Token)
        answer(ops(stranger("/api/orders/" + orderId).GET()), 200);
        answer(stranger("/api/orders/" + orderId).GET(), 404);
        answer(
                stranger("/api/orders/" + orderId)
                        .header("Order-Token", "not-its-token")
                        .GET(),
                404);
        answer(get("/api/orders/0"), 404);
        answer(get("/api/orders/00000000-0000-4000-8000-000000000000"), 404);
        answer(stranger("/api/orders/" + orderId + "/cancel").POST(BodyPublishers.ofString("")), 404);
        // payment (ADR 13), required by default, but here no card provider configured: checkout cannot open one
        answer(post("/api/orders/" + orderId + "/checkout", null, ""), 409, 503);
        answer(stranger("/api/orders/" + orderId + "/checkout").POST(BodyPublishers.ofString("")), 404);
        answer(post("/api/orders/" + orderId + "/refund", null, ""), 401);
        answer(StaffLogin.authorizeAs(post("/api/orders/" + orderId + "/refund", null, ""), "OPS"), 403);
        answer(staff(post("/api/orders/" + orderId + "/refund", null, "")), 409); // not paid, nothing to refund
        answer(staff(post("/api/orders/00000000-0000-4000-8000-000000000000/refund", null, "")), 404);
        answer(
                post(
                        "/api/invoices/2026-000001/transfers",
                        "application/json",
                        "{\"amountCents\":1,\"reference\":\"r\"}"),
                401);
        answer(
                staff(post(
                        "/api/invoices/2026-000001/transfers",
                        "application/json",
                        "{\"amountCents\":1,\"reference\":\"r\"}")),
                404);
        answer(staff(post("/api/invoices/2026-000001/transfers", "application/json", "{\"amountCents\":0}")), 400);
        answer(staff(post("/api/invoices/2026-000001/transfers", "text/plain", "{}")), 415);
        answer(get("/api/ops/payments"), 401);
        answer(ops(get("/api/ops/payments")), 200);
        answer(post("/api/orders/" + orderId + "/cancel", null, ""), 202);
        answer(post("/api/orders/0/cancel", null, ""), 404);

        // licences (O4, O7, R2)
        answer(get("/api/licences/public-key"), 200);
        answer(post("/api/licences/verify", "application/json", "{\"key\":\"k1.AAAA.AAAA\"}"), 200, 422);
        answer(post("/api/licences/verify", "application/json", "\"\""), 422);
        answer(post("/api/licences/verify", "application/json", "{\"key\":\"\"}"), 422);
        answer(post("/api/licences/verify", "text/plain", "{\"key\":\"k1.AAAA.AAAA\"}"), 415);
        answer(post("/api/licences/verify", "application/json", big), 413);
        answer(get("/api/licences/revoked"), 200);
        answer(get("/api/licences/revoked?after="), 200);
        answer(get("/api/licences/revoked?after=minus-one"), 400);

        // ops (O8)
        answer(get("/api/ops/orders/" + orderId + "/trace"), 401);
        answer(StaffLogin.authorize(get("/api/ops/orders/" + orderId + "/trace")), 403);
        answer(ops(get("/api/ops/orders/" + orderId + "/trace")), 200);
        answer(ops(get("/api/ops/orders/00000000-0000-4000-8000-000000000000/trace")), 404);
        answer(ops(get("/api/events?after=0&limit=10")), 200);
        answer(ops(get("/api/events?after=&limit=")), 200);
        answer(ops(get("/api/events?limit=null")), 400);
        answer(ops(get("/api/ops/outbox")), 200);
        answer(ops(post("/api/ops/replay", "application/json", "{\"consumer\":\"nobody\"}")), 400);
        answer(ops(post("/api/ops/replay", "application/json", "{\"consumer\":\"sales-projector\",\"after\":0}")), 409);
        answer(ops(post("/api/ops/replay", "application/json", "{\"consumer\":\"sales-projector\"} garbage")), 400);
        answer(ops(post("/api/ops/replay", "text/plain", "{}")), 415);
        answer(ops(post("/api/ops/replay", "application/json", big)), 413);
        answer(ops(post("/api/sales-periods/close", null, "")), 202);

        // the card provider's webhook: a forged signature (503 where no webhook secret is configured)
        answer(
                post("/api/payments/webhook", "application/json", "{\"id\":\"evt_1\"}")
                        .header("Stripe-Signature", "t=1,v1=00"),
                400,
                503);

        assertThat(breaches).as("answers the document does not declare").isEmpty();
        assertThat(exercised).as("operations exercised").containsExactlyElementsOf(operations());
    }

    /** Sends the request and holds its answer to the document; returns it for the next step. */
    TestHttp.Response answer(HttpRequest.Builder builder, int... expected) {
        HttpRequest request = builder.build();
        TestHttp.Response response = http.send(builder);
        String method = request.method().toLowerCase();
        String path = request.uri().getPath();
        String what = request.method() + " " + path
                + (request.uri().getQuery() == null ? "" : "?" + request.uri().getQuery());
        assertThat(expected)
                .as("%s answered %s: %s", what, response.status(), response.body())
                .contains(response.status());
        String template = template(path);
        if (template == null) {
            breaches.add(what + ": no path of the document matches");
            return response;
        }
        exercised.add(method + " " + template);
        Map<String, Object> operation = map(map(paths().get(template)).get(method));
        if (operation == null) {
            breaches.add(what + ": the document has no " + method + " on " + template);
            return response;
        }
        Map<String, Object> declared = map(map(operation.get("responses")).get(Integer.toString(response.status())));
        if (declared == null) {
            breaches.add(what + ": " + response.status() + " is not declared (declared: "
                    + map(operation.get("responses")).keySet() + ")");
            return response;
        }
        Map<String, Object> content = map(declared.get("content"));
        String contentType = response.contentType() == null
                ? null
                : response.contentType().split(";")[0].trim();
        if (content == null ? contentType != null && !response.body().isEmpty() : !content.containsKey(contentType)) {
            breaches.add(what + ": " + response.status() + " came as " + contentType + ", declared "
                    + (content == null ? "none" : content.keySet()));
        }
        if (response.status() >= 400 && !"application/problem+json".equals(contentType)) {
            breaches.add(what + ": " + response.status() + " is not problem+json");
        }
        Map<String, Object> headers = map(declared.get("headers"));
        if (headers != null) {
            headers.forEach((name, header) -> {
                if (Boolean.TRUE.equals(map(header).get("required")) && response.header(name) == null) {
                    breaches.add(what + ": " + response.status() + " lacks the required header " + name);
                }
            });
        }
        return response;
    }

    Set<String> operations() {
        Set<String> all = new TreeSet<>();
        paths().forEach((path, item) -> map(item).keySet().forEach(method -> all.add(method + " " + path)));
        return all;
    }

    String template(String path) {
        for (String template : paths().keySet()) {
            if (Pattern.matches(template.replaceAll("\\{[^}]+}", "[^/]+"), path)) {
                return template;
            }
        }
        return null;
    }

    Map<String, Object> paths() {
        return map(document.get("paths"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    HttpRequest.Builder request(String path) {
        return http.request(path);
    }

    /** A client that never placed the order: it sends no Order-Token of its own. */
    HttpRequest.Builder stranger(String path) {
        return new Http(server.getURI()).request(path);
    }

    HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    HttpRequest.Builder post(String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path).POST(BodyPublishers.ofString(body));
        return contentType == null ? builder : builder.header("Content-Type", contentType);
    }

    HttpRequest.Builder put(String path, String ifMatch, String body) {
        return request(path)
                .header("Content-Type", "application/json")
                .header("If-Match", ifMatch)
                .PUT(BodyPublishers.ofString(body));
    }

    static HttpRequest.Builder staff(HttpRequest.Builder request) {
        return StaffLogin.authorize(request);
    }

    static HttpRequest.Builder ops(HttpRequest.Builder request) {
        return request.header("Authorization", TestHttp.basic(OPS_USERNAME, OPS_PASSWORD));
    }

    record Result(int exit, String output) {}

    static Result run(Path dir, long seconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + seconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
