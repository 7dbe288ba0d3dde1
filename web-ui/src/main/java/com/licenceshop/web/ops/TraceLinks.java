package com.licenceshop.web.ops;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the trace UI shows a trace: {@code TRACE_UI_URL} with {@code {traceId}} in it (Jaeger:
 * {@code http://localhost:16686/trace/{traceId}}). Without it the console shows no trace links.
 */
@Singleton
class TraceLinks {

    static final String PLACEHOLDER = "{traceId}";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private final String template;

    TraceLinks(@Value("${shop.trace-ui-url:}") String template) {
        this.template = template == null ? "" : template.strip();
    }

    boolean configured() {
        return template.contains(PLACEHOLDER) && (template.startsWith("http://") || template.startsWith("https://"));
    }

    /** The trace UI's page of this trace; empty when no UI is configured or the id is not a W3C trace id. */
    Optional<URI> of(String traceId) {
        if (!configured() || traceId == null || !TRACE_ID.matcher(traceId).matches()) {
            return Optional.empty();
        }
        return Optional.of(URI.create(template.replace(PLACEHOLDER, traceId)));
    }
}
