package com.licenceshop.notification.mail;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Micronaut Views compiles a template on every render; mails reuse the same few, so cache them. */
@Singleton
class HandlebarsTemplateCache implements BeanCreatedEventListener<Handlebars> {

    @Override
    public Handlebars onCreated(BeanCreatedEvent<Handlebars> event) {
        return event.getBean().with(new ConcurrentMapTemplateCache());
    }
}
