package com.licenceshop.projector.support;

import com.licenceshop.testsupport.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a projector's ops endpoints as ops would. */
public final class OpsHttp {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Response(int status, String contentType, String body) {}

    private OpsHttp() {}

    public static Response post(String url, String username, String password) {
        return send(
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), username, password);
    }

    public static Response get(String url, String username, String password) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), username, password);
    }

    private static Response send(HttpRequest.Builder builder, String username, String password) {
        if (username != null) {
            builder.header("Authorization", TestHttp.basic(username, password));
        }
        try {
            HttpResponse<String> response =
                    HTTP.send(builder.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
