package com.licenceshop.command.problem;

import io.micronaut.serde.annotation.Serdeable;

/** One broken rule of a request: which field, which rule, and a sentence for humans. */
@Serdeable
public record Violation(String field, String rule, String message) {
}
