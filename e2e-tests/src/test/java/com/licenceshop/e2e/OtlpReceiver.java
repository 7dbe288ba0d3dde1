package com.licenceshop.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector for tests: accepts OTLP/HTTP protobuf ({@code POST /v1/traces}) on a free port and keeps the
 * spans. The OTLP protobuf messages are read field by field from the wire format (only the fields a test asks
 * about), so no generated proto classes are needed; the Java SDK exports protobuf only (no http/json).
 */
final class OtlpReceiver implements AutoCloseable {

    record Link(String traceId, String spanId) {}

    record Span(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            int kind,
            Map<String, Object> attributes,
            List<Link> links) {

        boolean isRoot() {
            return parentSpanId.isEmpty();
        }
    }

    /** Span kinds as OTLP numbers them. */
    static final int SERVER = 2;

    static final int CLIENT = 3;
    static final int PRODUCER = 4;
    static final int CONSUMER = 5;

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                            body = in.readAllBytes();
                        }
                    }
                    receiver.spans.addAll(exportRequest(body));
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    // an empty ExportTraceServiceResponse: everything accepted
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OTLP receiver", e);
        }
    }

    /** What OTEL_EXPORTER_OTLP_ENDPOINT should be. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    List<Span> ofTrace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    static List<Span> exportRequest(byte[] message) {
        List<Span> result = new ArrayList<>();
        for (Field resourceSpans : Wire.fields(message)) {
            if (resourceSpans.number() == 1) {
                resourceSpans(resourceSpans.bytes(), result);
            }
        }
        return result;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    private static void resourceSpans(byte[] message, List<Span> into) {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        for (Field field : Wire.fields(message)) {
            if (field.number() == 1) {
                // Resource { repeated KeyValue attributes = 1; }
                Map<String, Object> attributes = attributes(Wire.fields(field.bytes()), 1);
                service = String.valueOf(attributes.getOrDefault("service.name", ""));
            } else if (field.number() == 2) {
                scopes.add(field.bytes());
            }
        }
        for (byte[] scope : scopes) {
            // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
            for (Field field : Wire.fields(scope)) {
                if (field.number() == 2) {
                    into.add(span(service, field.bytes()));
                }
            }
        }
    }

    // Span { trace_id = 1; span_id = 2; parent_span_id = 4; name = 5; kind = 6; attributes = 9; links = 13; }
    private static Span span(String service, byte[] message) {
        List<Field> fields = Wire.fields(message);
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        List<Link> links = new ArrayList<>();
        for (Field field : fields) {
            switch (field.number()) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes());
                case 4 -> parent = HexFormat.of().formatHex(field.bytes());
                case 5 -> name = field.text();
                case 6 -> kind = (int) field.varint();
                case 13 -> {
                    // Link { trace_id = 1; span_id = 2; }
                    String linkTrace = "";
                    String linkSpan = "";
                    for (Field l : Wire.fields(field.bytes())) {
                        if (l.number() == 1) {
                            linkTrace = HexFormat.of().formatHex(l.bytes());
                        } else if (l.number() == 2) {
                            linkSpan = HexFormat.of().formatHex(l.bytes());
                        }
                    }
                    links.add(new Link(linkTrace, linkSpan));
                }
                default -> {}
            }
        }
        return new Span(service, traceId, spanId, parent, name, kind, attributes(fields, 9), links);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }  AnyValue { string = 1; bool = 2; int = 3; double = 4; }
    private static Map<String, Object> attributes(List<Field> fields, int number) {
        Map<String, Object> attributes = new HashMap<>();
        for (Field field : fields) {
            if (field.number() != number) {
                continue;
            }
            String key = null;
            Object value = null;
            for (Field kv : Wire.fields(field.bytes())) {
                if (kv.number() == 1) {
                    key = kv.text();
                } else if (kv.number() == 2) {
                    for (Field any : Wire.fields(kv.bytes())) {
                        value = switch (any.number()) {
                            case 1 -> any.text();
                            case 2 -> any.varint() != 0;
                            case 3 -> any.varint();
                            case 4 -> Double.longBitsToDouble(any.varint());
                            default -> value;
                        };
                    }
                }
            }
            if (key != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    /** One field of a protobuf message: varint and fixed values in {@code varint}, length-delimited in {@code bytes}. */
    record Field(int number, long varint, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The protobuf wire format, as much of it as OTLP uses. */
    static final class Wire {

        static List<Field> fields(byte[] message) {
            List<Field> fields = new ArrayList<>();
            int[] at = {0};
            while (at[0] < message.length) {
                long tag = varint(message, at);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> fields.add(new Field(number, varint(message, at), new byte[0]));
                    case 1 -> fields.add(new Field(number, fixed(message, at, 8), new byte[0]));
                    case 2 -> {
                        int length = (int) varint(message, at);
                        byte[] bytes = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                        at[0] += length;
                        fields.add(new Field(number, 0, bytes));
                    }
                    case 5 -> fields.add(new Field(number, fixed(message, at, 4), new byte[0]));
                    default -> throw new IllegalArgumentException("unsupported wire type in tag " + tag);
                }
            }
            return fields;
        }

        private static long varint(byte[] message, int[] at) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = message[at[0]++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        private static long fixed(byte[] message, int[] at, int size) {
            long value = 0;
            for (int i = 0; i < size; i++) {
                value |= (long) (message[at[0]++] & 0xff) << (8 * i);
            }
            return value;
        }
    }
}
