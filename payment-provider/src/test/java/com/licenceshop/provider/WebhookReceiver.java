package com.licenceshop.provider;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The shop's side of a webhook, as a test sees it: a real HTTP server that keeps what it received. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String payload, String signature) {}

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** The next answers fail with 500 while this is above zero, so the provider retries. */
    final AtomicInteger failuresToAnswer = new AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhook", exchange -> {
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            if (status == 200) {
                received.add(new Received(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
