package com.licenceshop.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an anonymous caller gets from a service's management endpoints: /health, /prometheus and /instance
 * answer, every other built-in one of Micronaut (thread dumps, routes, beans, refresh …) is not served.
 */
public final class ManagementEndpoints {

    /** The anonymous ones: probes, scrapes and "which replica answered". */
    public static final List<String> ANONYMOUS = List.of("/health", "/prometheus", "/instance");
    /** Micronaut's other built-in endpoints (io.micronaut.management), by their ids. */
    public static final List<String> NOT_SERVED = List.of(
            "/threaddump",
            "/routes",
            "/info",
            "/beans",
            "/refresh",
            "/env",
            "/loggers",
            "/caches",
            "/stop",
            "/metrics",
            "/flyway");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ManagementEndpoints() {}

    /** Fails naming each endpoint that answers an anonymous GET (or POST) with 2xx or 500, or an anonymous one that does not answer. */
    public static void assertOnlyTheAnonymousOnesAnswer(URI server) {
        List<String> wrong = new ArrayList<>();
        for (String path : ANONYMOUS) {
            int status = status(server, path, "GET");
            if (status != 200) {
                wrong.add("GET " + path + " → " + status + " (expected 200)");
            }
        }
        for (String path : NOT_SERVED) {
            for (String method : List.of("GET", "POST")) {
                int status = status(server, path, method);
                if (status / 100 == 2 || status == 500) {
                    wrong.add(method + " " + path + " → " + status);
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("management endpoints answered anonymously: " + wrong);
        }
    }

    private static int status(URI server, String path, String method) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
