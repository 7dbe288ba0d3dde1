package com.licenceshop.notification.mail;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders a mail from its Handlebars templates ({@code views/mail/<kind>-html.hbs} and {@code -text.hbs}). The
 * text template uses triple braces: it must not be HTML-escaped.
 *
 * <p>Every template is compiled once, here, at start-up (a missing or broken one stops the service from starting).
 * Rendering through Micronaut Views instead looked each template up on the classpath again for every mail.
 */
@Singleton
public class MailRenderer {

    private final Map<MailKind, Template> texts = new EnumMap<>(MailKind.class);
    private final Map<MailKind, Template> htmls = new EnumMap<>(MailKind.class);

    /** {@code handlebars}: the instance Micronaut Views configures (classpath loader, {@code .hbs}). */
    MailRenderer(Handlebars handlebars) {
        for (MailKind kind : MailKind.values()) {
            texts.put(kind, compile(handlebars, kind.template() + "-text"));
            htmls.put(kind, compile(handlebars, kind.template() + "-html"));
        }
    }

    public RenderedMail render(MailIntent intent) {
        return new RenderedMail(
                intent.subject(),
                apply(texts.get(intent.kind()), intent.view()),
                apply(htmls.get(intent.kind()), intent.view()));
    }

    private static Template compile(Handlebars handlebars, String template) {
        try {
            return handlebars.compile("views/" + template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the mail template views/" + template, e);
        }
    }

    private static String apply(Template template, MailView view) {
        try {
            return template.apply(view);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + template.filename(), e);
        }
    }
}
