package com.licenceshop.notification.mail;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders a mail from its Handlebars templates, each compiled once at start-up (a broken one stops the start; README,
 * "Libraries"). Text templates use triple braces: no HTML escaping. Every template can read {@code seller}: the
 * invoice names who issues it.
 */
@Singleton
public class MailRenderer {

    private final Map<MailKind, Template> texts = new EnumMap<>(MailKind.class);
    private final Map<MailKind, Template> htmls = new EnumMap<>(MailKind.class);
    private final InvoiceSeller.View seller;

    /** {@code handlebars}: the instance Micronaut Views configures (classpath loader, {@code .hbs}). */
    MailRenderer(Handlebars handlebars, InvoiceSeller seller) {
        this.seller = seller.view();
        for (MailKind kind : MailKind.values()) {
            texts.put(kind, compile(handlebars, kind.template() + "-text"));
            htmls.put(kind, compile(handlebars, kind.template() + "-html"));
        }
    }

    public RenderedMail render(MailIntent intent) {
        return new RenderedMail(
                intent.subject(),
                apply(texts.get(intent.kind()), intent.view(), seller),
                apply(htmls.get(intent.kind()), intent.view(), seller));
    }

    private static Template compile(Handlebars handlebars, String template) {
        try {
            return handlebars.compile("views/" + template);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile the mail template views/" + template, e);
        }
    }

    private static String apply(Template template, MailView view, InvoiceSeller.View seller) {
        try {
            return template.apply(
                    Context.newBuilder(view).combine("seller", seller).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + template.filename(), e);
        }
    }
}
