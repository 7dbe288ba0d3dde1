package com.licenceshop.web.ops;

import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;

/** Outcomes shown after a redirect; only these codes are accepted, so a link cannot put text on the page. */
enum OpsNotice {
    REBUILD_STARTED("rebuild-started", "Rebuild started.", false),
    REBUILD_ALREADY_RUNNING("rebuild-running", "A rebuild is already running.", false),
    REBUILD_FAILED("rebuild-failed", "The rebuild could not be started: the sales projector did not accept it.", true),
    REDRIVEN_PROJECTOR(
            "redriven-sales-projector", "Dead letters of the sales projector moved back to its queue: %d.", false),
    REDRIVEN_NOTIFIER(
            "redriven-notification-service",
            "Dead letters of the notification service moved back to its queue: %d.",
            false),
    REDRIVE_FAILED("redrive-failed", "Re-driving the dead letters failed: the service did not answer.", true),
    TRACE_NOT_FOUND(
            "trace-not-found", "No trace for that order: no such order, or it was placed before tracing.", true),
    TRACE_FAILED("trace-failed", "The command API did not answer; the order's trace cannot be looked up.", true);

    private final String code;
    private final String text;
    private final boolean problem;

    OpsNotice(String code, String text, boolean problem) {
        this.code = code;
        this.text = text;
        this.problem = problem;
    }

    String code() {
        return code;
    }

    /** What the page shows. */
    record Shown(String code, String text, boolean problem) {}

    @Nullable
    static Shown of(@Nullable String code, @Nullable Long moved) {
        return Arrays.stream(values())
                .filter(n -> n.code.equals(code))
                .findFirst()
                .map(n -> new Shown(
                        n.code,
                        n.text.contains("%d") ? String.format(n.text, moved == null ? 0 : moved) : n.text,
                        n.problem))
                .orElse(null);
    }
}
