package com.licenceshop.web.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A browser's EventSource, as far as the server can tell: reads a Server-Sent Events stream in the background. */
public final class EventStream implements AutoCloseable {

    public record ServerEvent(String name, String data) {}

    public final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    private volatile int status;
    private final Future<?> reading;

    private EventStream(URI uri, Map<String, String> cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        reading = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    status = response.statusCode();
                    read(response.body());
                });
    }

    public static EventStream open(URI base, String path, Map<String, String> cookies) {
        return new EventStream(base.resolve(path), cookies);
    }

    /** Whether the server ended the stream (or it failed). */
    public boolean ended() {
        return reading.isDone();
    }

    public int status() {
        return status;
    }

    public List<ServerEvent> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    private void read(Stream<String> lines) {
        String[] name = {"message"};
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new ServerEvent(name[0], data.toString()));
                }
                name[0] = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name[0] = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        });
    }

    @Override
    public void close() {
        reading.cancel(true);
    }
}
