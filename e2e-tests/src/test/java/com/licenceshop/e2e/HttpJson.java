package com.licenceshop.e2e;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the services' JSON APIs, as any other client of the shop would call them. */
final class HttpJson {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    record Response(int status, String body, HttpResponse<String> raw) {
        Map<String, Object> json() {
            return read(body, Argument.mapOf(String.class, Object.class));
        }

        List<Map<String, Object>> jsonList() {
            return read(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
        }
    }

    private HttpJson() {}

    static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** As the buyer: with the order's access token. */
    static Response getWithToken(String url, String orderToken) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Order-Token", orderToken));
    }

    static Response postWithToken(String url, String orderToken) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Order-Token", orderToken)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    static Response getAs(String url, String username, String password) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Authorization", basic(username, password)));
    }

    static Response post(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Argument<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
