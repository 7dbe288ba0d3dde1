package com.licenceshop.servicedefaults;

import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * OTLP export follows the standard {@code OTEL_*} variables (read by OpenTelemetry's autoconfiguration) with one
 * shop rule: nothing is exported unless configured, and configuring an OTLP endpoint is enough. Micronaut's
 * default {@code otel.traces.exporter=none} stays when neither {@code OTEL_TRACES_EXPORTER} nor an endpoint is set,
 * so {@code ./shop up} without a collector logs no exporter errors.
 */
@Singleton
class TraceExport implements OpenTelemetryBuilderCustomizer {

    static final String EXPORTER = "otel.traces.exporter";

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addPropertiesCustomizer(config -> exporterFor(config, explicitExporter()));
    }

    /** The traces exporter to use: OTLP when an endpoint is given and no exporter was named; else no change. */
    static Map<String, String> exporterFor(ConfigProperties config, boolean exporterNamed) {
        // an empty value (compose's way of switching it off) is no endpoint
        boolean endpoint = !config.getString("otel.exporter.otlp.endpoint", "").isBlank()
                || !config.getString("otel.exporter.otlp.traces.endpoint", "").isBlank();
        return endpoint && !exporterNamed ? Map.of(EXPORTER, "otlp") : Map.of();
    }

    private static boolean explicitExporter() {
        return System.getenv("OTEL_TRACES_EXPORTER") != null || System.getProperty(EXPORTER) != null;
    }
}
