package com.licenceshop.web.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationMessagesTest {

    @Test
    void theApisFieldPathsLandNextToTheFormsFields() {
        Problem problem = Problem.of(400, "Invalid", null)
                .withErrors(List.of(
                        new Violation("customerEmail", "email", "must be a valid email address"),
                        new Violation("items[0].quantity", "min", "must be at least 1"),
                        new Violation("items[0].sku", "known", "is not a licence we sell")));

        assertThat(ValidationMessages.byField(problem))
                .isEqualTo(Map.of(
                        "customerEmail", "must be a valid email address",
                        "quantity", "must be at least 1",
                        "sku", "is not a licence we sell"));
    }

    @Test
    void fieldlessErrorsAndErrorlessProblemsShowAboveTheForm() {
        assertThat(ValidationMessages.byField(Problem.of(400, "Invalid", null)
                        .withErrors(List.of(new Violation("items", "size", "must not be empty")))))
                .isEqualTo(Map.of("form", "must not be empty"));
        assertThat(ValidationMessages.byField(Problem.of(422, "Unprocessable", "key reused with another order")))
                .isEqualTo(Map.of("form", "key reused with another order"));
    }
}
