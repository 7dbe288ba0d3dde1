package com.licenceshop.servicedefaults;

import io.micronaut.runtime.Micronaut;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts a service the same way everywhere. {@code LOG_FORMAT} names the Logback appender of each service's
 * logback.xml ({@code text}, the default, or {@code json}); any other value would leave the service without a
 * single log line, so it is refused before anything starts.
 */
public final class ServiceLaunch {

    static final String LOG_FORMAT = "LOG_FORMAT";

    private ServiceLaunch() {}

    public static void start(Class<?> application, String[] args) {
        String logFormat = System.getenv(LOG_FORMAT);
        Optional<String> refusal = refusal(logFormat);
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            System.exit(2);
        }
        // java.util.logging (OpenTelemetry's SDK writes there) into Logback, in the service's format
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // before anything makes a span current, so every log line inside one carries traceId and spanId
        TraceLogs.install();
        // with LOG_FORMAT=json every line on stdout is a JSON object, so no ASCII-art banner
        Micronaut.build(args)
                .mainClass(application)
                .banner(!"json".equals(logFormat))
                .start();
    }

    /** Why the service must not start with this {@code LOG_FORMAT}, if it must not. */
    static Optional<String> refusal(String logFormat) {
        if (logFormat == null || logFormat.equals("text") || logFormat.equals("json")) {
            return Optional.empty();
        }
        String shown = logFormat.length() > 20 ? logFormat.substring(0, 20) + "…" : logFormat;
        String hint = logFormat.toLowerCase(Locale.ROOT).strip();
        return Optional.of(LOG_FORMAT + "=" + shown.replaceAll("\\p{Cntrl}", "?")
                + " is not a log format: use text (the default) or json"
                + (hint.equals("text") || hint.equals("json") ? " (lower case, no spaces)" : ""));
    }
}
