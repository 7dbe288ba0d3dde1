package com.licenceshop.command.support;

import com.licenceshop.testsupport.TestHttp;
import com.licenceshop.testsupport.TestHttp.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A buyer's client of the command API on {@link TestHttp}: it keeps the access token of each order it placed
 * (from the 202) and sends it as Order-Token to that order's URLs; another instance is a stranger to those orders.
 */
public final class Http {

    private static final Pattern ORDER_PATH = Pattern.compile("/api/orders/([0-9a-f-]{36})(/cancel|/checkout)?");

    private final String baseUrl;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public Http(URI baseUrl) {
        this.baseUrl = baseUrl.toString().replaceAll("/$", "");
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
                .header("Authorization", TestHttp.basic(CommandApiIT.OPS_USERNAME, CommandApiIT.OPS_PASSWORD)));
    }

    public Response postJson(String path, Object body, String... headers) {
        return postRaw(path, "application/json", TestHttp.write(body), headers);
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
        Response answer = TestHttp.send(request);
        if (answer.status() == 202
                && answer.raw().request().uri().getPath().equals("/api/orders")
                && answer.json().get("orderToken") instanceof String token) {
            tokens.put((String) answer.json().get("orderId"), token);
        }
        return answer;
    }

    /** A typical order body. */
    public static Map<String, Object> order(String email, String sku, int quantity) {
        return Map.of("customerEmail", email, "items", List.of(Map.of("sku", sku, "quantity", quantity)));
    }
}
