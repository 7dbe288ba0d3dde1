package com.licenceshop.web.login;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A flooder's loop: HTTP Basic logins with a new random name each, until told to stop; counts the answers. */
final class BogusBasicLogins {

    private BogusBasicLogins() {}

    static void flood(HttpClient http, URI target, AtomicBoolean flooding, AtomicInteger answered) {
        while (flooding.get()) {
            String credentials = "nobody-" + UUID.randomUUID() + ":guess";
            HttpRequest request = HttpRequest.newBuilder(target)
                    .header("Accept", "application/json")
                    .header(
                            "Authorization",
                            "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                answered.incrementAndGet();
            } catch (Exception stopped) {
                return;
            }
        }
    }
}
