package com.licenceshop.web.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.servicedefaults.Problem;
import com.licenceshop.servicedefaults.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductFormTest {

    @Test
    void pricesAreTypedInCurrencyUnitsAndSentAsCents() {
        assertThat(ProductForm.cents("1299")).isEqualTo(129_900);
        assertThat(ProductForm.cents("1299.5")).isEqualTo(129_950);
        assertThat(ProductForm.cents(" 1,299.00 ")).isEqualTo(129_900);
        assertThat(ProductForm.cents("0.01")).isEqualTo(1);
        assertThat(ProductForm.cents("0"))
                .as("zero is sent: the command API says why it is refused")
                .isEqualTo(0);
    }

    @Test
    void textThatIsNoAmountIsNoPrice() {
        for (String notAnAmount : List.of("twelve", "-5", "12.345", "1.299,00", "12,34", "1e3", "9999999999999")) {
            assertThat(ProductForm.cents(notAnAmount)).as(notAnAmount).isNull();
        }
    }

    @Test
    void aBlankPriceIsLeftToTheCommandApiToNameRequired() {
        ProductForm form = new ProductForm("ACME", "Acme", "", " ", "EUR", null, null);

        assertThat(form.formatErrors(false)).isEmpty();
        assertThat(form.toNewProduct().unitPriceCents()).isNull();
        assertThat(form.toNewProduct().description()).isNull();
    }

    @Test
    void theEditFormShowsThePriceAsItIsTyped() {
        assertThat(ProductForm.priceText(129_950)).isEqualTo("1299.50");
        assertThat(ProductForm.priceText(5)).isEqualTo("0.05");
    }

    @Test
    void anEditWithoutItsVersionIsNotSent() {
        ProductForm form = new ProductForm(null, "Acme", "", "12.00", "EUR", "", null);

        assertThat(form.formatErrors(true)).containsKey(ProductForm.FORM);
        assertThat(form.formatErrors(false)).isEmpty();
    }

    @Test
    void theCommandApisFieldErrorsLandOnTheFormsFields() {
        Problem problem = Problem.of(422, "Invalid licence", null)
                .withErrors(List.of(
                        new Violation("unitPriceCents", "positive", "must be positive"),
                        new Violation("sku", "pattern", "must match"),
                        new Violation("somethingElse", null, "odd")));

        assertThat(ProductForm.errorsByField(problem))
                .isEqualTo(Map.of(
                        ProductForm.PRICE, "must be positive", ProductForm.SKU, "must match", ProductForm.FORM, "odd"));
    }

    @Test
    void aNoticeShowsOnlyItsOwnTextAndOnlyAPlausibleSku() {
        assertThat(CatalogController.notice("added", "ACME_PRO").orElseThrow().text())
                .isEqualTo("The licence ACME_PRO is on sale now.");
        assertThat(CatalogController.notice("added", "<script>").orElseThrow().text())
                .isEqualTo("The licence is on sale now.");
        assertThat(CatalogController.notice("made-up", "ACME_PRO")).isEmpty();
        assertThat(CatalogController.redirect(CatalogController.UNKNOWN, "a b&c")
                        .toString())
                .isEqualTo("/catalog?notice=unknown");
    }
}
