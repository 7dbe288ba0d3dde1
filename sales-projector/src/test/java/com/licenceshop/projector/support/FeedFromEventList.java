package com.licenceshop.projector.support;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.testsupport.TestServers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the command API's event feed in module tests: {@code GET /api/events?after=&limit=} as NDJSON
 * in sequence order and {@code GET /api/ops/outbox} with the head sequence, behind HTTP Basic, served from a
 * list of events the test adds to. The real feed is exercised by the end-to-end tests.
 */
public final class FeedFromEventList implements AutoCloseable {

    private final ConcurrentSkipListMap<Long, byte[]> lines = new ConcurrentSkipListMap<>();
    private final EventCodec codec = new EventCodec();
    private final String expectedAuthorization;
    private final HttpServer server;
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int stallAfterLines = -1;
    private final Map<Long, ShopEvent> lateEvents = new java.util.concurrent.ConcurrentHashMap<>();

    public FeedFromEventList(String username, String password) {
        this.expectedAuthorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", TestServers.freePort()), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/events", this::events);
        server.createContext("/api/ops/outbox", this::outbox);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void add(ShopEvent event) {
        lines.put(event.sequence(), codec.encode(event));
    }

    public void addAll(Collection<? extends ShopEvent> events) {
        events.forEach(this::add);
    }

    public int size() {
        return lines.size();
    }

    /**
     * Adds the event only once the feed is asked for events after {@code after} (or later): an event whose
     * transaction committed late, after readers had already gone past its sequence.
     */
    public void addWhenAskedAfter(long after, ShopEvent event) {
        lateEvents.put(after, event);
    }

    /** Feed requests wait until {@link #release()}: lets a test look at a rebuild that has started. */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /**
     * From now on an answer of the events feed sends {@code lines} events, flushes them, and then sends
     * nothing more until the feed is closed: a feed that stalls mid-body, connection open.
     */
    public void stallAfter(int lines) {
        stallAfterLines = lines;
    }

    private void events(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            awaitRelease();
            Map<String, String> query = query(exchange.getRequestURI());
            long after = Long.parseLong(query.getOrDefault("after", "0"));
            lateEvents.entrySet().removeIf(late -> {
                if (after >= late.getKey()) {
                    add(late.getValue());
                    return true;
                }
                return false;
            });
            int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                int written = 0;
                for (byte[] line : lines.tailMap(after, false).values()) {
                    if (written == stallAfterLines) {
                        out.flush();
                        awaitClose();
                        return;
                    }
                    if (written++ == limit) {
                        break;
                    }
                    out.write(line);
                    out.write('\n');
                }
            }
        }
    }

    private void outbox(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null && !accept.contains("application/json") && !accept.contains("*/*")) {
                exchange.sendResponseHeaders(406, -1); // as the command API does
                return;
            }
            long head = lines.isEmpty() ? 0 : lines.lastKey();
            byte[] body = ("{\"pending\":0,\"headSequence\":" + head + ",\"publishedSequence\":" + head + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        exchange.sendResponseHeaders(401, -1);
        return false;
    }

    private void awaitRelease() {
        try {
            if (!held.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("feed held for more than a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> result = new java.util.HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return result;
    }

    @Override
    public void close() {
        release();
        closed.countDown();
        server.stop(0);
    }
}
