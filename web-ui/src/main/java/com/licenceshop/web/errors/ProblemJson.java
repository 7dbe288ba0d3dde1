package com.licenceshop.web.errors;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.ProblemPolicy;
import com.licenceshop.servicedefaults.Violation;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * What web-ui's JSON errors say (service-defaults renders them as problem+json; browsers asking for HTML get
 * {@link HtmlErrors}). Client errors carry Micronaut's messages (binding, routing); a server-side failure only a
 * generic detail and the reference its exception is logged under ({@link InternalErrors}).
 */
@Singleton
final class ProblemJson implements ProblemPolicy {

    private final InternalErrors internalErrors;

    ProblemJson(InternalErrors internalErrors) {
        this.internalErrors = internalErrors;
    }

    @Override
    public Problem frameworkError(ErrorContext context, HttpResponse<?> response) {
        String reason = response.getStatus().getReason();
        var reference = internalErrors.reference(context, response);
        if (reference.isPresent()) {
            return Problem.of(
                            response.code(),
                            reason,
                            "Something went wrong on our side; please try again. Reference: " + reference.get())
                    .withReference(reference.get());
        }
        List<Violation> errors = context.getErrors().stream()
                .map(error -> new Violation(error.getPath().orElse(null), null, error.getMessage()))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).message() : null;
        return Problem.of(response.code(), reason, detail).withErrors(errors);
    }
}
