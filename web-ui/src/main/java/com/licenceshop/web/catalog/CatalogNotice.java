package com.licenceshop.web.catalog;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The catalog's flash messages. Like the dashboard's and the ops console's notices they travel in the redirect's
 * query ({@code /catalog?notice=added&sku=ACME_PRO}, Post/Redirect/Get): stateless, so any web-ui instance can
 * show the page the redirect leads to, and nothing to sign or to expire. Only these codes are shown, and the sku
 * only if it looks like one, so a link cannot put text of its own on the page; a reload shows the message again,
 * which says what happened and stays true.
 */
enum CatalogNotice {
    ADDED("added", "The licence %s is on sale now.", false),
    CHANGED("changed", "The licence %s is changed; new orders pay its new price.", false),
    RETIRED(
            "retired",
            "The licence %s is retired: the shop no longer offers it. Past orders and sales figures keep it.",
            false),
    ALREADY_RETIRED("already-retired", "The licence %s is retired already.", false),
    UNKNOWN("unknown", "There is no licence %s.", true),
    RETIRE_REFUSED(
            "retire-refused",
            "The licence %s was not retired: the command API refused the change for your login.",
            true),
    RETIRE_FAILED(
            "retire-failed",
            "The licence %s was not retired: the command API did not answer. Try again in a moment.",
            true),
    UNAVAILABLE(
            "unavailable",
            "The catalog cannot be read right now: the command API does not answer. Try again in a moment.",
            true);

    /** Wider than the contract's sku rule on purpose: this only keeps text that is no sku off the page. */
    private static final Pattern SKU_LIKE = Pattern.compile("[A-Z0-9_]{1,32}");

    private final String code;
    private final String text;
    private final boolean problem;

    CatalogNotice(String code, String text, boolean problem) {
        this.code = code;
        this.text = text;
        this.problem = problem;
    }

    /** Where the redirect after an action goes. */
    URI redirect(String sku) {
        String query = SKU_LIKE.matcher(sku).matches() ? "&sku=" + URLEncoder.encode(sku, StandardCharsets.UTF_8) : "";
        return URI.create("/catalog?notice=" + code + query);
    }

    /** What the page shows. */
    record Shown(String code, String text, boolean problem) {}

    @Nullable
    static Shown of(@Nullable String code, @Nullable String sku) {
        boolean showSku = sku != null && SKU_LIKE.matcher(sku).matches();
        return Arrays.stream(values())
                .filter(n -> n.code.equals(code))
                .findFirst()
                .map(n -> new Shown(n.code, showSku ? n.text.replace("%s", sku) : n.text.replace(" %s", ""), n.problem))
                .orElse(null);
    }
}
