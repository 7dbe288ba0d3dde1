package com.licenceshop.command.feed;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the ops event feed: seeds N events into a fresh database, starts the service in this JVM and
 * reads the whole store over HTTP, page by page, as a rebuilding projector would. Prints events/s; asserts
 * nothing about time (see the README for the command and the figures on our machines).
 *
 * <p>Arguments: [events (default 500000)] [page size (default 100000)] [rounds (default 3)]
 */
public final class EventFeedBenchmark {

    private static final String OPS_PASSWORD = "ops-" + java.util.UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        TestServers.Database database = TestServers.freshDatabase();
        String namespace = TestServers.freshNamespace();
        Map<String, Object> properties = new HashMap<>(TestServers.micronautProperties(database, namespace));
        properties.put("micronaut.server.port", "-1");
        properties.put("shop.ops.password", OPS_PASSWORD);
        properties.put("shop.relay.enabled", "false");
        properties.put("shop.feed.max-limit", Integer.toString(Math.max(pageSize, 100_000)));

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            long seedStart = System.nanoTime();
            seed(database, events);
            System.out.printf(Locale.ROOT, "seeded %,d events in %.1f s%n", events, seconds(seedStart));
            checkTheFeedIsReadable(server, pageSize);

            HttpClient client = HttpClient.newHttpClient();
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                long lines = 0;
                long bytes = 0;
                long after = 0;
                int pages = 0;
                while (true) {
                    Page page = readPage(client, server.getURI(), after, pageSize);
                    pages++;
                    if (page.lines() == 0) {
                        break;
                    }
                    lines += page.lines();
                    bytes += page.bytes();
                    after = page.lastSequence();
                }
                double elapsed = seconds(start);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: %,d events in %d pages of %,d, %.2f s: %,.0f events/s, %.1f MB/s%n",
                        round,
                        lines,
                        pages - 1,
                        pageSize,
                        elapsed,
                        lines / elapsed,
                        bytes / elapsed / 1_000_000);
                if (lines != events) {
                    throw new IllegalStateException("expected " + events + " events but read " + lines);
                }
            }
            TestBroker.deleteExchanges(server.getApplicationContext().getBean(Topology.class));
        }
        System.exit(0);
    }

    private static void seed(TestServers.Database database, int events) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO commands.events (sequence, event_id, type, schema_version, aggregate_id, occurred_at,
                                                  correlation_id, payload, published_at, attempts)
                     SELECT s, e, 'OrderPlaced', 1, o::text, t, 'benchmark',
                            jsonb_build_object('type', 'OrderPlaced', 'eventId', e, 'sequence', s,
                                'occurredAt', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                'orderId', o, 'customerEmail', 'shopper' || s || '@example.com', 'currency', 'EUR',
                                'lines', jsonb_build_array(jsonb_build_object('sku', 'PROFESSIONAL', 'name', 'Professional',
                                    'quantity', 2, 'unitPriceCents', 150000, 'lineTotalCents', 300000)),
                                'totalCents', 300000),
                            t, 1
                     FROM (SELECT nextval('commands.event_sequence') AS s, gen_random_uuid() AS e,
                                  gen_random_uuid() AS o, now() AS t
                           FROM generate_series(1, ?)) AS x""")) {
            insert.setInt(1, events);
            insert.executeUpdate();
            // seeded as published long ago: the relay has nothing to do with them
            connection.createStatement().execute("TRUNCATE commands.outbox");
            connection.createStatement().execute("VACUUM ANALYZE commands.events");
        }
    }

    /** The seeded JSON must be what consumers can read, or the figures mean nothing. */
    private static void checkTheFeedIsReadable(EmbeddedServer server, int pageSize) throws Exception {
        EventCodec codec = server.getApplicationContext().getBean(EventCodec.class);
        HttpResponse<String> first =
                HttpClient.newHttpClient().send(request(server.getURI(), 0, 10), HttpResponse.BodyHandlers.ofString());
        first.body().lines().forEach(line -> codec.decode(line.getBytes(StandardCharsets.UTF_8)));
        System.out.println("first line: " + first.body().lines().findFirst().orElse("(none)"));
    }

    private record Page(long lines, long bytes, long lastSequence) {}

    private static Page readPage(HttpClient client, URI base, long after, int limit) throws Exception {
        HttpResponse<InputStream> response =
                client.send(request(base, after, limit), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("feed answered " + response.statusCode());
        }
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream body = response.body()) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        // seeded in one statement from a fresh sequence, the sequences are 1..N without gaps
        return new Page(lines, bytes, after + lines);
    }

    private static HttpRequest request(URI base, long after, int limit) {
        String auth = Base64.getEncoder().encodeToString(("ops:" + OPS_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve("/api/events?after=" + after + "&limit=" + limit))
                .header("Authorization", "Basic " + auth)
                .GET()
                .build();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
