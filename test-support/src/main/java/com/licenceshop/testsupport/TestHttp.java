package com.licenceshop.testsupport;

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

/**
 * A plain HTTP client for the services' JSON APIs, so tests send exactly the bytes and headers they mean (also
 * broken ones), as any other client of the shop would.
 */
public final class TestHttp {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    private TestHttp() {}

    public record Response(int status, String body, HttpResponse<String> raw) {
        public Map<String, Object> json() {
            return read(body, Argument.mapOf(String.class, Object.class));
        }

        public List<Map<String, Object>> jsonList() {
            return read(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        /** The {@code errors} of a problem+json answer. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) json().get("errors");
        }
    }

    public static Response get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** As the buyer: with the order's access token. */
    public static Response getWithToken(String url, String orderToken) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Order-Token", orderToken));
    }

    public static Response postWithToken(String url, String orderToken) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Order-Token", orderToken)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    public static Response getAs(String url, String username, String password) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().header("Authorization", basic(username, password)));
    }

    public static Response post(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** Sends the request with a timeout of 30 seconds. */
    public static Response send(HttpRequest.Builder request) {
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

    public static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String json, Argument<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
