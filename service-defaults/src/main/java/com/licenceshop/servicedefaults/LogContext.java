package com.licenceshop.servicedefaults;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.MDC;

/**
 * Ids in the MDC for a try-with-resources block, so every log line inside carries them; a null id is left out. On
 * close each key gets back the value it had before, so a block inside another (one event of a batch) leaves the outer
 * block's ids as they were.
 */
public final class LogContext implements AutoCloseable {

    private record Previous(String key, String value) {}

    private final Deque<Previous> previous = new ArrayDeque<>();

    private LogContext() {}

    public static LogContext with(String key, Object value) {
        return new LogContext().and(key, value);
    }

    public LogContext and(String key, Object value) {
        if (value != null) {
            previous.push(new Previous(key, MDC.get(key)));
            MDC.put(key, value.toString());
        }
        return this;
    }

    @Override
    public void close() {
        while (!previous.isEmpty()) {
            Previous before = previous.pop();
            if (before.value() == null) {
                MDC.remove(before.key());
            } else {
                MDC.put(before.key(), before.value());
            }
        }
    }
}
