package com.licenceshop.projector.feed;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.servicedefaults.OpsCredentials;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The command API's event feed ({@code GET /api/events?after=&limit=}): the event store in sequence order,
 * one event per line in the codec's JSON (NDJSON), streamed, behind the ops credential.
 */
@Singleton
public final class EventFeed {

    /** What the feed handed over, line by line. A line that is not an event is reported, not thrown. */
    public interface Sink {
        void event(ShopEvent event) throws Exception;

        void unreadable(String line, RuntimeException reason) throws Exception;
    }

    private final URI baseUrl;
    private final Duration readTimeout;
    private final OpsCredentials credentials;
    private final JsonMapper json;
    private final EventCodec codec;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EventFeed(FeedConfig config, OpsCredentials credentials, JsonMapper json, EventCodec codec) {
        this.codec = codec;
        this.baseUrl = config.url();
        this.readTimeout = config.readTimeout();
        this.credentials = credentials;
        this.json = json;
    }

    /**
     * Streams up to {@code limit} events with a sequence above {@code after} to the sink, in order.
     *
     * <p>The answer's headers and then every read of its body wait at most {@code shop.command-api.read-timeout}:
     * a feed that stops sending mid-body (a stalled command API, a silent network) fails the call instead of
     * hanging the rebuild ({@link TimedBody}).
     *
     * @return the number of lines read and the highest sequence seen (or {@code after} if none)
     */
    public Page read(long after, int limit, Sink sink) throws Exception {
        URI uri = endpoint("/api/events?after=" + after + "&limit=" + limit);
        try (InputStream body = bodyOf(uri, "application/x-ndjson")) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            int count = 0;
            long last = after;
            String line;
            while ((line = nextLine(lines, uri)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                count++;
                ShopEvent event;
                try {
                    event = codec.decode(line.getBytes(StandardCharsets.UTF_8));
                } catch (EventCodec.MalformedEventException e) {
                    sink.unreadable(line, e);
                    continue;
                }
                last = Math.max(last, event.sequence());
                sink.event(event);
            }
            return new Page(count, last);
        }
    }

    /** The event store's newest sequence, from {@code GET /api/ops/outbox}; empty if the command API does not say. */
    public OptionalLong headSequence() {
        // JSON, not NDJSON: the command API answers 406 to an Accept it cannot serve
        try (InputStream body = bodyOf(endpoint("/api/ops/outbox"), "application/json")) {
            Map<String, Object> answer =
                    json.readValue(body.readAllBytes(), Argument.mapOf(String.class, Object.class));
            Object head = answer.get("headSequence");
            return head instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private URI endpoint(String pathAndQuery) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + pathAndQuery);
    }

    /** The body of a 200 answer; anything else is a {@link FeedUnavailableException} that says what came back. */
    private InputStream bodyOf(URI uri, String accept) throws FeedUnavailableException {
        HttpRequest request = credentials
                .presentTo(HttpRequest.newBuilder(uri))
                .timeout(readTimeout)
                .header("Accept", accept)
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, info -> new TimedBody(readTimeout.toMillis()));
        } catch (HttpTimeoutException e) {
            throw stalled(uri);
        } catch (IOException e) {
            throw new FeedUnavailableException("cannot read the event feed at " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedUnavailableException("interrupted while asking the event feed at " + uri);
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        try (InputStream body = response.body()) {
            throw new FeedUnavailableException("GET " + uri + " answered " + response.statusCode() + " "
                    + new String(body.readNBytes(500), StandardCharsets.UTF_8));
        } catch (FeedUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw new FeedUnavailableException("GET " + uri + " answered " + response.statusCode());
        }
    }

    private String nextLine(BufferedReader lines, URI uri) throws FeedUnavailableException {
        try {
            return lines.readLine();
        } catch (SocketTimeoutException e) {
            throw stalled(uri);
        } catch (IOException e) {
            throw new FeedUnavailableException("the event feed at " + uri + " broke off: " + e);
        }
    }

    private FeedUnavailableException stalled(URI uri) {
        return new FeedUnavailableException("the event feed at " + uri + " stalled: nothing received for "
                + readTimeout.toMillis() + " ms (shop.command-api.read-timeout)");
    }

    public record Page(int lines, long lastSequence) {}

    public static final class FeedUnavailableException extends IOException {
        FeedUnavailableException(String message) {
            super(message);
        }
    }
}
