package com.licenceshop.web.view;

import com.github.jknack.handlebars.Handlebars;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders a template to a string outside the views filter: for live updates pushed over SSE (the same
 * partials the page was rendered with, so the markup cannot drift) and for responses that never reach a
 * controller (a rejected form).
 */
@Singleton
public class Fragments {

    private final Handlebars handlebars;

    Fragments(Handlebars handlebars) {
        this.handlebars = handlebars;
    }

    /** {@code view} as the controllers name it, e.g. {@code "sales/figures"} for views/sales/figures.hbs. */
    public String render(String view, Object model) {
        try {
            return handlebars.compile("views/" + view).apply(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + view, e);
        }
    }
}
