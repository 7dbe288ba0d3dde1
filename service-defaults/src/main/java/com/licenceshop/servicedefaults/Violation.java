package com.licenceshop.servicedefaults;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** One broken rule of a request: which field, which rule (if named), and a sentence for humans. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(
        @Nullable String field,
        @Nullable String rule,
        @Nullable String message) {}
