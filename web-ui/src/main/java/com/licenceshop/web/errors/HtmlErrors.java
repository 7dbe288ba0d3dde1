package com.licenceshop.web.errors;

import com.licenceshop.web.view.Fragments;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/** Error pages for browsers in the shop's layout; a server-side failure shows a reference, never its detail. */
@Singleton
@Replaces(HtmlErrorResponseBodyProvider.class) // the default is package-private
final class HtmlErrors implements HtmlErrorResponseBodyProvider {

    private final Fragments fragments;
    private final InternalErrors internalErrors;

    HtmlErrors(Fragments fragments, InternalErrors internalErrors) {
        this.fragments = fragments;
        this.internalErrors = internalErrors;
    }

    @Override
    public String body(ErrorContext context, HttpResponse<?> response) {
        Map<String, Object> model = new HashMap<>();
        model.put("reason", response.getStatus().getReason());
        model.put("messages", InternalErrors.clientMessages(context, response));
        internalErrors.reference(context, response).ifPresent(reference -> model.put("reference", reference));
        return fragments.render("errors/error", model);
    }
}
