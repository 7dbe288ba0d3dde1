package com.licenceshop.command.support;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client, so tests send exactly the bytes and headers they mean (also broken ones). Like a buyer's
 * client it keeps the access token of each order it placed (from the 202) and sends it as Order-Token to that
 * order's URLs; another instance is a stranger to those orders.
 */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static final Pattern ORDER_PATH = Pattern.compile("/api/orders/([0-9a-f-]{36})(/cancel|/checkout)?");

    private final String baseUrl;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public Http(URI baseUrl) {
        this.baseUrl = baseUrl.toString().replaceAll("/$", "");
    }

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

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) json().get("errors");
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        Matcher order = ORDER_PATH.matcher(path);
        if (order.matches() && tokens.containsKey(order.group(1))) {
            request.header("Order-Token", tokens.get(order.group(1)));
        }
        return request;
    }

    /** The access token this client got for {@code orderId}, or null. */
    public String tokenOf(String orderId) {
        return tokens.get(orderId);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response getAsOps(String path) {
        return send(request(path)
                .GET()
                .header("Authorization", basic(CommandApiIT.OPS_USERNAME, CommandApiIT.OPS_PASSWORD)));
    }

    public Response postJson(String path, Object body, String... headers) {
        return postRaw(path, "application/json", write(body), headers);
    }

    public Response postRaw(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder);
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Response answer = new Response(response.statusCode(), response.body(), response);
            if (response.statusCode() == 202
                    && response.request().uri().getPath().equals("/api/orders")
                    && answer.json().get("orderToken") instanceof String token) {
                tokens.put((String) answer.json().get("orderId"), token);
            }
            return answer;
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

    /** A typical order body. */
    public static Map<String, Object> order(String email, String sku, int quantity) {
        return Map.of("customerEmail", email, "items", List.of(Map.of("sku", sku, "quantity", quantity)));
    }
}
