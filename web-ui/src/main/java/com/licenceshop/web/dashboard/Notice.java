package com.licenceshop.web.dashboard;

import java.util.Arrays;
import java.util.Optional;

/** Outcomes shown after a redirect; only these codes are accepted, so a link cannot put text on the page. */
enum Notice {
    PERIOD_CLOSED("period-closed", "The sales period is closed; a new one has started.", false),
    CLOSE_FAILED(
            "close-failed", "The sales period could not be closed: the command API did not answer. Try again.", true),
    NO_OPS_CREDENTIAL(
            "no-ops-credential",
            "The web UI has no ops credential (OPS_PASSWORD), so it cannot close the period.",
            true);

    private final String code;
    private final String text;
    private final boolean problem;

    Notice(String code, String text, boolean problem) {
        this.code = code;
        this.text = text;
        this.problem = problem;
    }

    String code() {
        return code;
    }

    public String getText() {
        return text;
    }

    public boolean isProblem() {
        return problem;
    }

    static Optional<Notice> of(String code) {
        return Arrays.stream(values()).filter(n -> n.code.equals(code)).findFirst();
    }
}
