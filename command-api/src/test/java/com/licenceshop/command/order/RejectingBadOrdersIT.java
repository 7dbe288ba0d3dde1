package com.licenceshop.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.command.support.StaffLogin;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad command gets its status and a problem naming field and rule, and stores nothing. */
@MicronautTest(transactional = false)
class RejectingBadOrdersIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    Http http;

    @BeforeAll
    void client() {
        http = new Http(server.getURI());
    }

    @AfterEach
    void nothingWasStored() throws Exception {
        assertThat(count("SELECT count(*) FROM commands.orders")).isZero();
        assertThat(count("SELECT count(*) FROM commands.order_lines")).isZero();
        assertThat(count("SELECT count(*) FROM commands.events")).isZero();
        assertThat(count("SELECT count(*) FROM commands.idempotency_keys")).isZero();
    }

    static String json(Object body) {
        return TestHttp.write(body);
    }

    static Stream<Arguments> badOrders() {
        List<Map<String, Object>> twentyOneLines = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            twentyOneLines.add(Map.of("sku", "STARTER", "quantity", 1));
        }
        return Stream.of(
                Arguments.of(
                        "unknown sku", json(Http.order("ada@example.com", "PLATINUM", 1)), "items[0].sku", "known-sku"),
                Arguments.of(
                        "quantity 0", json(Http.order("ada@example.com", "STARTER", 0)), "items[0].quantity", "range"),
                Arguments.of(
                        "quantity 101",
                        json(Http.order("ada@example.com", "STARTER", 101)),
                        "items[0].quantity",
                        "range"),
                Arguments.of(
                        "quantity not a number",
                        "{\"customerEmail\":\"ada@example.com\",\"items\":[{\"sku\":\"STARTER\",\"quantity\":\"two\"}]}",
                        "items[0].quantity",
                        "type"),
                Arguments.of(
                        "21 lines",
                        json(Map.of("customerEmail", "ada@example.com", "items", twentyOneLines)),
                        "items",
                        "max-lines"),
                Arguments.of(
                        "empty items",
                        json(Map.of("customerEmail", "ada@example.com", "items", List.of())),
                        "items",
                        "not-empty"),
                Arguments.of("no items", json(Map.of("customerEmail", "ada@example.com")), "items", "required"),
                Arguments.of(
                        "missing email",
                        json(Map.of("items", List.of(Map.of("sku", "STARTER", "quantity", 1)))),
                        "customerEmail",
                        "required"),
                Arguments.of(
                        "malformed email", json(Http.order("ada.example.com", "STARTER", 1)), "customerEmail", "email"),
                Arguments.of("body is an array", "[1,2,3]", "body", "object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOrders")
    void anInvalidOrderIsABadRequestNamingFieldAndRule(String what, String body, String field, String rule) {
        var response = http.postRaw("/api/orders", "application/json", body);

        assertProblem(response, 400, "invalid-order");
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .contains(org.assertj.core.groups.Tuple.tuple(field, rule));
        assertThat(response.errors())
                .allSatisfy(e -> assertThat((String) e.get("message")).isNotBlank());
    }

    @Test
    void malformedJsonIsABadRequest() {
        var response = http.postRaw(
                "/api/orders", "application/json", "{\"customerEmail\": \"ada@example.com\", \"items\": [");

        assertProblem(response, 400, "malformed-json");
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("body", "json"));
    }

    @Test
    void aBodyWithDataAfterItsJsonValueIsABadRequest() {
        for (String trailing : List.of(" garbage", " {}", "]", " \"x\"", "{\"customerEmail\":\"b@example.com\"}")) {
            var response = http.postRaw(
                    "/api/orders", "application/json", json(Http.order("ada@example.com", "STARTER", 1)) + trailing);

            assertProblem(response, 400, "malformed-json");
            assertThat(response.json().get("detail"))
                    .as(trailing)
                    .isEqualTo("The request body goes on after its JSON value.");
        }
    }

    @Test
    void aKeyTwiceInAnyObjectIsABadRequest() {
        for (String body : List.of(
                "{\"customerEmail\":\"a@example.com\",\"customerEmail\":\"b@example.com\",\"items\":[{\"sku\":\"STARTER\",\"quantity\":1}]}",
                "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"STARTER\",\"quantity\":1,\"quantity\":100}]}")) {
            var response = http.postRaw("/api/orders", "application/json", body);

            assertProblem(response, 400, "malformed-json");
            assertThat(response.json().get("detail")).isEqualTo("The request body names a key twice in one object.");
        }
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        var response = http.postRaw("/api/orders", "application/json", "");

        assertProblem(response, 400, "malformed-json");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsUnsupportedMediaType() {
        var response = http.postRaw("/api/orders", "text/plain", json(Http.order("ada@example.com", "STARTER", 1)));

        assertProblem(response, 415, "unsupported-media-type");
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Content-Type", "media-type"));
    }

    @Test
    void aBodyWithoutContentTypeIsRefusedAsUnsupportedMediaType() {
        var response = http.postRaw("/api/orders", null, json(Http.order("ada@example.com", "STARTER", 1)));

        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void aBodyOverSixtyFourKibibytesIsTooLarge() {
        String huge = json(Map.of(
                "customerEmail",
                "ada@example.com",
                "padding",
                "x".repeat(65 * 1024),
                "items",
                List.of(Map.of("sku", "STARTER", "quantity", 1))));

        var response = http.postRaw("/api/orders", "application/json", huge);

        assertProblem(response, 413, "payload-too-large");
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("body", "max-size"));
    }

    @Test
    void aChunkedBodyOverSixtyFourKibibytesIsTooLargeToo() {
        byte[] huge = json(Map.of(
                        "customerEmail",
                        "ada@example.com",
                        "padding",
                        "x".repeat(100 * 1024),
                        "items",
                        List.of(Map.of("sku", "STARTER", "quantity", 1))))
                .getBytes(StandardCharsets.UTF_8);
        // no Content-Length: the server only finds out while reading
        HttpRequest.BodyPublisher unknownLength = new HttpRequest.BodyPublisher() {
            final HttpRequest.BodyPublisher delegate = HttpRequest.BodyPublishers.ofByteArray(huge);

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                delegate.subscribe(subscriber);
            }
        };

        var response = http.send(http.request("/api/orders")
                .header("Content-Type", "application/json")
                .POST(unknownLength));

        assertProblem(response, 413, "payload-too-large");
    }

    @Test
    void aMalformedIdempotencyKeyIsABadRequest() {
        var response = http.postJson(
                "/api/orders", Http.order("ada@example.com", "STARTER", 1), "Idempotency-Key", "k".repeat(300));

        assertProblem(response, 400, "invalid-request");
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Idempotency-Key", "format"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertProblem(http.get("/api/nothing-here"), 404, "not-found");
        // the list is not deleted, not even by sales staff (anonymous, the security rules answer 401 first)
        assertProblem(
                http.send(StaffLogin.authorize(http.request("/api/products").DELETE())), 405, "method-not-allowed");
        assertProblem(http.send(http.request("/api/orders").DELETE()), 405, "method-not-allowed");
        assertProblem(http.get("/api/orders/not-a-uuid"), 404, "not-found");
        assertProblem(
                http.send(http.request("/api/orders")
                        .header("Accept", "text/html")
                        .GET()),
                405,
                "method-not-allowed");
    }

    @Test
    void rejectionsAreCountedByReason() {
        http.postRaw("/api/orders", "application/json", json(Http.order("ada@example.com", "PLATINUM", 1)));
        http.postRaw("/api/orders", "application/json", "{");

        String metrics = http.get("/prometheus").body();
        assertThat(metrics).containsPattern("shop_commands_rejected_total\\{reason=\"invalid-order\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("shop_commands_rejected_total\\{reason=\"malformed-json\"[^}]*} [1-9]");
        // exported from the start, refused or not: the rate-limit alert counts from 0
        assertThat(metrics).containsPattern("shop_commands_rejected_total\\{reason=\"too-many-orders\"[^}]*} \\d");
    }

    static void assertProblem(TestHttp.Response response, int status, String slug) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        Map<String, Object> problem = response.json();
        assertThat(problem)
                .containsEntry("type", "urn:licence-shop:problem:" + slug)
                .containsEntry("status", status)
                .containsKeys("title", "detail", "instance", "correlationId");
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.", "io.micronaut");
    }
}
