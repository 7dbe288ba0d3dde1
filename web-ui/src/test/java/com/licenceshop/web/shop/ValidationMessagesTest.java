package com.licenceshop.web.shop;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationMessagesTest {

    @Test
    void theApisFieldPathsLandNextToTheFormsFields() {
        Problem problem = new Problem("about:blank", "Invalid", 400, null, List.of(
                new Problem.FieldError("customerEmail", "email", "must be a valid email address"),
                new Problem.FieldError("items[0].quantity", "min", "must be at least 1"),
                new Problem.FieldError("items[0].sku", "known", "is not a licence we sell")));

        assertThat(ValidationMessages.byField(problem)).isEqualTo(Map.of(
                "customerEmail", "must be a valid email address",
                "quantity", "must be at least 1",
                "sku", "is not a licence we sell"));
    }

    @Test
    void errorsOfNoFormFieldAndProblemsWithoutErrorsAreShownAboveTheForm() {
        assertThat(ValidationMessages.byField(new Problem(null, "Invalid", 400, null,
                List.of(new Problem.FieldError("items", "size", "must not be empty")))))
                .isEqualTo(Map.of("form", "must not be empty"));
        assertThat(ValidationMessages.byField(new Problem(null, "Unprocessable", 422, "key reused with another order", null)))
                .isEqualTo(Map.of("form", "key reused with another order"));
    }
}
