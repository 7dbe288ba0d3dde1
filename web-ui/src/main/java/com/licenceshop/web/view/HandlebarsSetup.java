package com.licenceshop.web.view;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.helper.ConditionalHelpers;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Configures the Handlebars instance the views module creates: a template cache (the renderer compiles
 * {@code views/<name>} on every request otherwise) and the helpers the templates use.
 */
@Singleton
class HandlebarsSetup implements BeanCreatedEventListener<Handlebars> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Override
    public Handlebars onCreated(BeanCreatedEvent<Handlebars> event) {
        Handlebars handlebars = event.getBean();
        handlebars.with(new ConcurrentMapTemplateCache());
        handlebars.registerHelpers(ConditionalHelpers.class); // eq, neq, gt, and, or, not
        // {{money cents currency}}
        handlebars.registerHelper("money", (Helper<Number>)
                (cents, options) -> cents == null ? "" : Money.format(cents.longValue(), options.param(0, "")));
        // {{time instant}}: staff read times in UTC, like the logs
        handlebars.registerHelper("time", (Helper<Object>) (value, options) ->
                value instanceof TemporalAccessor t ? TIME.format(t instanceof Instant i ? i : Instant.from(t)) : "");
        return handlebars;
    }
}
