package com.licenceshop.command.system;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/** Puts ids into the MDC for the duration of a try-with-resources block, so every log line carries them. */
public final class LogContext implements AutoCloseable {

    private final List<String> keys = new ArrayList<>();

    private LogContext() {}

    public static LogContext with(String key, Object value) {
        return new LogContext().and(key, value);
    }

    public LogContext and(String key, Object value) {
        if (value != null) {
            MDC.put(key, value.toString());
            keys.add(key);
        }
        return this;
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}
