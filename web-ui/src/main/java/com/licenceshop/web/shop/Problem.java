package com.licenceshop.web.shop;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An RFC 9457 problem as the command API answers it: {@code errors} name the fields that failed validation. */
@Serdeable
record Problem(@Nullable String type, @Nullable String title, int status, @Nullable String detail,
               @Nullable List<FieldError> errors) {

    @Serdeable
    record FieldError(@Nullable String field, @Nullable String rule, @Nullable String message) {
    }

    List<FieldError> fieldErrors() {
        return errors == null ? List.of() : errors;
    }
}
