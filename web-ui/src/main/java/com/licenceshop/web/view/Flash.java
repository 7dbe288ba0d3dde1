package com.licenceshop.web.view;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A message shown after the redirect that follows an action, its code in the redirect's query: stateless, so any
 * instance shows it. A page shows only the codes it declares and only a value it has checked, so a link cannot put
 * text of its own on the page (README, "Catalog").
 *
 * @param text    what the page shows; a {@code %s} in it is filled with the value the redirect carries
 * @param problem shown as an alert rather than as news
 */
public record Flash(String code, String text, boolean problem) {

    private static final String PARAMETER = "notice";

    private static final String VALUE = "%s";

    /** Something that went as asked. */
    public static Flash news(String code, String text) {
        return new Flash(code, text, false);
    }

    /** Something that did not: shown as an alert. */
    public static Flash problem(String code, String text) {
        return new Flash(code, text, true);
    }

    /** The redirect to {@code page} (which may carry a query of its own) that shows this message. */
    public URI redirect(String page) {
        return URI.create(page + (page.contains("?") ? "&" : "?") + PARAMETER + "=" + code);
    }

    /** The same, with {@code value} for the text's {@code %s} in the query parameter {@code name}, if there is one. */
    public URI redirect(String page, String name, @Nullable String value) {
        return value == null
                ? redirect(page)
                : URI.create(redirect(page) + "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /**
     * The message of {@code code} among {@code known}, its {@code %s} filled with {@code value} (or left out, with
     * the space before it, without one); none for no code or one the page does not know.
     */
    public static Optional<Flash> shown(@Nullable String code, @Nullable String value, Flash... known) {
        return Arrays.stream(known)
                .filter(flash -> flash.code.equals(code))
                .findFirst()
                .map(flash -> new Flash(
                        flash.code,
                        value == null ? flash.text.replace(" " + VALUE, "") : flash.text.replace(VALUE, value),
                        flash.problem));
    }
}
