package com.licenceshop.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.licenceshop.web.support.LogLines;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every service's production log format keeps one event on one line whatever a request put into it. */
class LogInjectionTest {

    private static final String FORGED =
            "2026-12-01T09:00:00.000Z INFO  [main] c.l.w.l.StaffAuthentication  - staff login: mallory [OPS]";

    @ParameterizedTest
    @ValueSource(strings = {"command-api", "sales-projector", "notification-service", "web-ui"})
    void lineBreaksInMessagesOrMdcValuesCannotForgeALogLine(String service) throws MalformedURLException {
        LogLines lines = LogLines.of(
                Path.of("..", service, "src/main/resources/logback.xml").toUri().toURL());
        LoggingEvent event = event("staff login refused for '{}' from {}", "x\r\n" + FORGED + "\u001b[2K", "10.0.0.1");
        event.setMDCPropertyMap(Map.of("orderId", "o\n" + FORGED));

        List<String> written = lines.format(event);

        assertThat(written).hasSize(1);
        assertThat(written.get(0)).contains("x\\r\\n2026-12-01T09:00:00.000Z").doesNotContain("\u001b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"command-api", "sales-projector", "notification-service", "web-ui"})
    void anExceptionMessageCannotForgeALogLineAndKeepsItsTrace(String service) throws MalformedURLException {
        LogLines lines = LogLines.of(
                Path.of("..", service, "src/main/resources/logback.xml").toUri().toURL());
        LoggingEvent event = event("request failed", null, null);
        event.setMDCPropertyMap(Map.of());
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(
                new IllegalArgumentException("bad value\n" + FORGED, new IllegalStateException("\r\n" + FORGED))));

        assertThat(lines.eventStarts(event)).isEqualTo(1);
        assertThat(lines.format(event))
                .anyMatch(line -> line.contains("at com.licenceshop.web.LogInjectionTest"))
                .anyMatch(line -> line.contains("Caused by: java.lang.IllegalStateException"));
    }

    private static LoggingEvent event(String message, Object first, Object second) {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent(
                LogInjectionTest.class.getName(),
                context.getLogger("com.licenceshop.Test"),
                Level.INFO,
                message,
                null,
                first == null ? null : new Object[] {first, second});
    }
}
