package com.licenceshop.projector.feed;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.projector.ops.OpsCredentials;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final URI baseUrl;
    private final int readTimeoutMillis;
    private final OpsCredentials credentials;
    private final JsonMapper json;
    private final EventCodec codec = new EventCodec();

    EventFeed(FeedSettings settings, OpsCredentials credentials, JsonMapper json) {
        this.baseUrl = settings.url();
        this.readTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis()));
        this.credentials = credentials;
        this.json = json;
    }

    /**
     * Streams up to {@code limit} events with a sequence above {@code after} to the sink, in order.
     *
     * <p>Every read of the body waits at most {@code shop.command-api.read-timeout}: a feed that stops sending
     * mid-body (a stalled command API, a silent network) fails the call instead of hanging the rebuild.
     * {@code java.net.http.HttpClient} has no such timeout once the headers are in, hence the plain
     * {@link HttpURLConnection}, whose read timeout is the socket's.
     *
     * @return the number of lines read and the highest sequence seen (or {@code after} if none)
     */
    public Page read(long after, int limit, Sink sink) throws Exception {
        URI uri = endpoint("/api/events?after=" + after + "&limit=" + limit);
        HttpURLConnection connection = open(uri, "application/x-ndjson");
        boolean complete = false;
        try (InputStream body = bodyOf(connection, uri)) {
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
            complete = true;
            return new Page(count, last);
        } finally {
            if (!complete) {
                connection.disconnect(); // a half-read or stalled connection must not be kept for the next request
            }
        }
    }

    /** The event store's newest sequence, from {@code GET /api/ops/outbox}; empty if the command API does not say. */
    public OptionalLong headSequence() {
        URI uri = endpoint("/api/ops/outbox");
        try {
            // JSON, not NDJSON: the command API answers 406 to an Accept it cannot serve
            HttpURLConnection connection = open(uri, "application/json");
            try (InputStream body = bodyOf(connection, uri)) {
                Map<String, Object> answer = json.readValue(body.readAllBytes(), Argument.mapOf(String.class, Object.class));
                Object head = answer.get("headSequence");
                return head instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private URI endpoint(String pathAndQuery) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + pathAndQuery);
    }

    private HttpURLConnection open(URI uri, String accept) throws FeedUnavailableException {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestProperty("Authorization", credentials.authorizationHeader());
            connection.setRequestProperty("Accept", accept);
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new FeedUnavailableException("cannot read the event feed at " + uri + ": " + e);
        }
    }

    /** The body of a 200 answer; anything else is a {@link FeedUnavailableException} that says what came back. */
    private InputStream bodyOf(HttpURLConnection connection, URI uri) throws FeedUnavailableException {
        try {
            int status = connection.getResponseCode();
            if (status == 200) {
                return connection.getInputStream();
            }
            InputStream error = connection.getErrorStream();
            String detail = error == null ? "" : new String(error.readNBytes(500), StandardCharsets.UTF_8);
            connection.disconnect();
            throw new FeedUnavailableException("GET " + uri + " answered " + status + " " + detail);
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            throw stalled(uri);
        } catch (FeedUnavailableException e) {
            throw e;
        } catch (IOException e) {
            connection.disconnect();
            throw new FeedUnavailableException("cannot read the event feed at " + uri + ": " + e);
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
                + readTimeoutMillis + " ms (shop.command-api.read-timeout)");
    }

    public record Page(int lines, long lastSequence) {
    }

    public static final class FeedUnavailableException extends IOException {
        FeedUnavailableException(String message) {
            super(message);
        }
    }
}
