package com.licenceshop.web.support;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** Formats events exactly as a service's production logback.xml would write them. */
public final class LogLines {

    /** How every line written for an event starts: its time stamp. */
    public static final Pattern EVENT_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

    private final OutputStreamAppender<ILoggingEvent> appender;

    private LogLines(OutputStreamAppender<ILoggingEvent> appender) {
        this.appender = appender;
    }

    @SuppressWarnings("unchecked")
    public static LogLines of(URL logbackXml) {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(logbackXml);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot read " + logbackXml, e);
        }
        var appender = (OutputStreamAppender<ILoggingEvent>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("text");
        if (appender == null) {
            throw new IllegalStateException(
                    logbackXml + " has no appender \"text\" on its root logger (the default LOG_FORMAT)");
        }
        return new LogLines(appender);
    }

    /** The lines the appender would write for the event. */
    public List<String> format(ILoggingEvent event) {
        return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    /** How many of those lines look like the start of an event (more than one means a forged line). */
    public long eventStarts(ILoggingEvent event) {
        return format(event).stream()
                .filter(line -> EVENT_START.matcher(line).find())
                .count();
    }
}
