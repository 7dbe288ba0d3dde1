package com.licenceshop.web.catalog;

import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command API is down (nothing listens where the web UI looks for it): the catalog page says so, readably. */
@WebUiIT
class CatalogWithoutCommandApiIT extends AgainstTheTestShop {

    @Override
    public Map<String, String> getProperties() {
        return TestShop.withoutCommandApi(super.getProperties());
    }

    @Test
    void theShopAndAnOrderPageSayWhenToTryAgain() {
        Visitor.Page shopPage = shop.visitor().get("/");
        Visitor.Page orderPage = shop.visitor().get("/orders/" + java.util.UUID.randomUUID());

        assertThat(shopPage.status()).isEqualTo(503);
        assertThat(shopPage.header("Retry-After")).isEqualTo("1");
        assertThat(orderPage.status()).isEqualTo(503);
        assertThat(orderPage.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void theListSaysTheCatalogCannotBeReadRightNow() {
        Visitor.Page page = salesStaff().get("/catalog");

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.textOf("catalog-unavailable")).contains("command API does not answer");
        assertThat(page.count("add-button")).isEqualTo(1);
    }

    @Test
    void anAddKeepsWhatWasTypedAndSaysNothingWasSaved() {
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");

        Visitor.Page refused = alice.submit(
                form,
                "/catalog",
                Map.of("sku", "ACME_PRO", "name", "Acme Pro", "description", "", "price", "12.00", "currency", "EUR"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.textOf("form-error")).contains("does not answer", "nothing was saved");
        assertThat(refused.body())
                .contains("value=\"ACME_PRO\"", "value=\"Acme Pro\"")
                .doesNotContain("Exception");
    }

    @Test
    void editAndRetireGoBackToTheListSayingWhy() {
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");

        Visitor.Page edit = alice.get("/catalog/STARTER/edit");
        Visitor.Page retire = alice.submit(form, "/catalog/STARTER/retire", Map.of());

        assertThat(edit.location()).isEqualTo("/catalog?notice=unavailable&sku=STARTER");
        assertThat(retire.location()).isEqualTo("/catalog?notice=retire-failed&sku=STARTER");
        assertThat(alice.get(retire.location()).textOf("notice")).contains("was not retired", "did not answer");
    }

    private Visitor salesStaff() {
        return shop.loggedIn(SALES_USER, SALES_PASSWORD);
    }
}
