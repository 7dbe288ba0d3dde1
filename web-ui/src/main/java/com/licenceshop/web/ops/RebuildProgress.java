package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The projector's rebuild status ({@code GET /ops/rebuild}: state, done, total, eventsPerSecond, eta,
 * startedAt, finishedAt, error) made ready for a progress bar. The state names are the projector's; only
 * the idle and finished ones need to be recognised here, anything else with a start and no finish is running.
 */
@Serdeable
record RebuildProgress(
        String state,
        boolean running,
        long done,
        long total,
        int percent,
        @Nullable String rate,
        @Nullable String eta,
        @Nullable String startedAt,
        @Nullable String finishedAt,
        @Nullable String error) {

    private static final Set<String> NOT_RUNNING = Set.of(
            "IDLE",
            "NONE",
            "NEVER_RUN",
            "NOT_STARTED",
            "DONE",
            "FINISHED",
            "COMPLETED",
            "SUCCEEDED",
            "FAILED",
            "ERROR",
            "ABORTED");

    static RebuildProgress of(Map<String, Object> status) {
        String state = text(status.get("state"));
        long done = number(status.get("done"));
        long total = number(status.get("total"));
        String startedAt = text(status.get("startedAt"));
        String finishedAt = text(status.get("finishedAt"));
        String error = text(status.get("error"));
        boolean running = state != null
                && !NOT_RUNNING.contains(state.toUpperCase(Locale.ROOT))
                && startedAt != null
                && finishedAt == null
                && error == null;
        int percent;
        if (total > 0) {
            percent = (int) Math.min(100, done * 100 / total);
        } else {
            percent = finishedAt != null && error == null ? 100 : 0;
        }
        Object perSecond = status.get("eventsPerSecond");
        String rate =
                perSecond instanceof Number n ? String.format(Locale.ENGLISH, "%,.0f events/s", n.doubleValue()) : null;
        return new RebuildProgress(
                state == null ? "UNKNOWN" : state,
                running,
                done,
                total,
                percent,
                rate,
                text(status.get("eta")),
                startedAt,
                finishedAt,
                error);
    }

    static RebuildProgress unavailable(String why) {
        return new RebuildProgress("UNAVAILABLE", false, 0, 0, 0, null, null, null, null, why);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
