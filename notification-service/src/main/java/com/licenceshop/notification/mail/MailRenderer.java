package com.licenceshop.notification.mail;

import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders a mail from its Handlebars templates ({@code views/mail/<kind>-html.hbs} and {@code -text.hbs})
 * with Micronaut Views. The text template uses triple braces: it must not be HTML-escaped.
 */
@Singleton
public class MailRenderer {

    private final ViewsRenderer<Object, ?> views;

    MailRenderer(ViewsRenderer<Object, ?> views) {
        this.views = views;
    }

    public RenderedMail render(MailIntent intent) {
        String template = intent.kind().template();
        return new RenderedMail(intent.subject(), render(template + "-text", intent.view()), render(template + "-html", intent.view()));
    }

    private String render(String template, MailView view) {
        var out = new StringWriter();
        try {
            views.render(template, view, null).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + template, e);
        }
        return out.toString();
    }
}
