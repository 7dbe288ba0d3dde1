package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceExportTest {

    @Test
    void withoutAnEndpointNothingIsExported() {
        var config = DefaultConfigProperties.createFromMap(Map.of("otel.traces.exporter", "none"));

        assertThat(TraceExport.exporterFor(config, false)).isEmpty();
    }

    @Test
    void anEndpointAloneTurnsOtlpExportOn() {
        var config = DefaultConfigProperties.createFromMap(
                Map.of("otel.traces.exporter", "none", "otel.exporter.otlp.endpoint", "http://jaeger:4318"));

        assertThat(TraceExport.exporterFor(config, false)).containsEntry(TraceExport.EXPORTER, "otlp");
    }

    @Test
    void anEmptyEndpointIsNoEndpoint() {
        var config = DefaultConfigProperties.createFromMap(Map.of("otel.exporter.otlp.endpoint", ""));

        assertThat(TraceExport.exporterFor(config, false)).isEmpty();
    }

    @Test
    void aNamedExporterWinsOverAnEndpoint() {
        var config = DefaultConfigProperties.createFromMap(Map.of(
                "otel.traces.exporter", "none", "otel.exporter.otlp.traces.endpoint", "http://jaeger:4318/v1/traces"));

        assertThat(TraceExport.exporterFor(config, true)).isEmpty();
    }
}
