package com.licenceshop.web.shop;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.web.errors.CommandApiProblems;
import java.util.Locale;
import java.util.Map;

/**
 * Puts the command API's validation errors next to the form fields they belong to. The API names fields as
 * paths of its JSON body ({@code customerEmail}, {@code items[0].quantity}, ...); anything that does not map to
 * a field of this form is shown above the form.
 */
final class ValidationMessages {

    private ValidationMessages() {}

    static Map<String, String> byField(Problem problem) {
        return CommandApiProblems.byField(
                problem, ValidationMessages::formField, BuyForm.FORM, "The order was not accepted.");
    }

    static String formField(String apiField) {
        String field = apiField == null ? "" : apiField.toLowerCase(Locale.ROOT);
        if (field.contains("email")) {
            return BuyForm.EMAIL;
        }
        if (field.contains("quantity")) {
            return BuyForm.QUANTITY;
        }
        if (field.contains("sku")) {
            return BuyForm.SKU;
        }
        if (field.contains("company")) {
            return BuyForm.COMPANY;
        }
        if (field.contains("billingaddress")) {
            return BuyForm.BILLING_ADDRESS;
        }
        return BuyForm.FORM;
    }
}
