package com.licenceshop.web.catalog;

import static com.licenceshop.web.support.TestShop.OPS_PASSWORD;
import static com.licenceshop.web.support.TestShop.OPS_USER;
import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.StaffTokens;
import com.licenceshop.web.support.StubCatalog;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales staff run the price list from the catalog page, against a command API that keeps the catalog in memory. */
@WebUiIT
class CatalogIT extends AgainstTheTestShop {

    @Inject
    StubCatalog catalog;

    @BeforeEach
    void startFromTheThreeLicences() {
        catalog.reset();
    }

    @Test
    void theCatalogListsEveryLicenceWithPriceAndStatusRetiredOnesToo() {
        catalog.retiredElsewhere("STARTER");
        Visitor alice = salesStaff();

        Visitor.Page page = alice.get("/catalog");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.count("product-row")).isEqualTo(3);
        assertThat(row(page, "PROFESSIONAL"))
                .contains(
                        "Professional",
                        "1,500.00 EUR",
                        "On sale",
                        "/catalog/PROFESSIONAL/edit",
                        "/catalog/PROFESSIONAL/retire");
        assertThat(row(page, "STARTER")).contains("Retired").doesNotContain("/catalog/STARTER/edit");
    }

    @Test
    void theStaffNavigationLinksTheCatalogForSalesStaff() {
        assertThat(salesStaff().get("/sales").body()).contains("id=\"nav-catalog\"");
        assertThat(shop.loggedIn(OPS_USER, OPS_PASSWORD).get("/ops").body()).doesNotContain("id=\"nav-catalog\"");
    }

    @Test
    void anAddedLicenceIsAnnouncedAndOnSaleAtOnce() {
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");

        Visitor.Page added = alice.submit(form, "/catalog", newLicence("ACME_PRO", "Acme Pro", "1,299.00"));

        assertThat(added.status()).as(added.body()).isEqualTo(303);
        assertThat(added.location()).isEqualTo("/catalog?notice=added&sku=ACME_PRO");
        assertThat(catalog.writeAuthorizations)
                .as("the change is made with alice's own login")
                .singleElement()
                .satisfies(bearer -> assertThat(StaffTokens.verifiedClaims(bearer.substring("Bearer ".length()))
                                .getSubject())
                        .isEqualTo(SALES_USER));
        Visitor.Page list = alice.get(added.location());
        assertThat(list.textOf("notice")).isEqualTo("The licence ACME_PRO is on sale now.");
        assertThat(row(list, "ACME_PRO")).contains("Acme Pro", "1,299.00 EUR", "On sale");
        assertThat(catalog.find("ACME_PRO")).hasValueSatisfying(p -> {
            assertThat(p.unitPriceCents()).isEqualTo(129_900);
            assertThat(p.description()).isEqualTo("For teams that build rockets");
            assertThat(p.version()).isEqualTo(1);
        });
        // nothing in the web UI holds the catalog: the shop's next page shows it
        Visitor.Page shopPage = shop.visitor().get("/");
        assertThat(shopPage.body()).contains("data-sku=\"ACME_PRO\"", "1,299.00 EUR");
    }

    @Test
    void keysBeforePaymentIsACheckboxStoredTickedOrNot() {
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");
        assertThat(form.body())
                .contains("<label for=\"keys-before-payment\">Keys before payment for invoice customers</label>")
                .doesNotContainPattern("id=\"keys-before-payment\" value=\"on\"\\s+checked");

        Map<String, String> ticked = new HashMap<>(newLicence("ACME_PRO", "Acme Pro", "1,299.00"));
        ticked.put("keysBeforePayment", "on");
        assertThat(alice.submit(form, "/catalog", ticked).status()).isEqualTo(303);
        assertThat(catalog.find("ACME_PRO").orElseThrow().keysBeforePayment()).isTrue();

        Visitor.Page edit = alice.get("/catalog/ACME_PRO/edit");
        assertThat(edit.body()).containsPattern("id=\"keys-before-payment\" value=\"on\"\\s+checked");
        // a box left unticked is not sent at all: the change switches the setting off
        Visitor.Page saved = alice.submit(edit, "/catalog/ACME_PRO", edited(edit, "Acme Pro", "1299.00"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(catalog.find("ACME_PRO").orElseThrow().keysBeforePayment()).isFalse();
        assertThat(catalog.find("PROFESSIONAL").orElseThrow().keysBeforePayment())
                .isFalse();
    }

    @Test
    void anInvalidLicenceComesBackWithErrorsBesideItsFields() {
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");

        Visitor.Page refused = alice.submit(
                form,
                "/catalog",
                Map.of(
                        "sku",
                        "acme pro",
                        "name",
                        "  ",
                        "description",
                        "typed <b>here</b>",
                        "price",
                        "0",
                        "currency",
                        "USD"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.textOf("sku-error")).contains("capital letters");
        assertThat(refused.textOf("name-error")).isEqualTo("is required");
        assertThat(refused.textOf("price-error")).contains("positive");
        assertThat(refused.textOf("currency-error")).contains("EUR");
        assertThat(refused.body())
                .contains(
                        "value=\"acme pro\"",
                        "value=\"USD\"",
                        "value=\"0\"",
                        "typed &lt;b&gt;here&lt;/b&gt;</textarea>");
        assertThat(catalog.all()).hasSize(3);
    }

    @Test
    void aPriceThatIsNoAmountIsRefusedBeforeTheCommandApi() {
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");

        Visitor.Page refused = alice.submit(form, "/catalog", newLicence("ACME_PRO", "Acme Pro", "twelve euros"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.textOf("price-error")).contains("amount in EUR");
        assertThat(refused.body()).contains("value=\"twelve euros\"");
        assertThat(catalog.writeAuthorizations).isEmpty();
    }

    @Test
    void aDuplicateSkuIsShownOnTheSkuField() {
        catalog.retiredElsewhere("STARTER");
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");

        Visitor.Page refused = alice.submit(form, "/catalog", newLicence("STARTER", "Starter again", "10.00"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.textOf("sku-error")).contains("exists already");
        assertThat(refused.body()).contains("value=\"Starter again\"");
        assertThat(catalog.find("STARTER").orElseThrow().name()).isEqualTo("Starter");
    }

    @Test
    void anEditSendsItsRenderedVersionAndSaysTheLicenceChanged() {
        Visitor alice = salesStaff();
        Visitor.Page edit = alice.get("/catalog/PROFESSIONAL/edit");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(versionOf(edit)).isEqualTo("1");
        assertThat(edit.body()).contains("value=\"Professional\"", "value=\"1500.00\"");

        Visitor.Page saved = alice.submit(edit, "/catalog/PROFESSIONAL", edited(edit, "Professional Plus", "1750.50"));

        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(alice.get(saved.location()).textOf("notice")).startsWith("The licence PROFESSIONAL is changed");
        StubCatalog.Product changed = catalog.find("PROFESSIONAL").orElseThrow();
        assertThat(changed.name()).isEqualTo("Professional Plus");
        assertThat(changed.unitPriceCents()).isEqualTo(175_050);
        assertThat(changed.version()).isEqualTo(2);
    }

    @Test
    void aStaleEditSaysSomeoneElseChangedItAndShowsCurrentValues() {
        Visitor alice = salesStaff();
        Visitor.Page edit = alice.get("/catalog/ENTERPRISE/edit");
        catalog.changedElsewhere("ENTERPRISE", "Enterprise 2026", 600_000);

        Visitor.Page stale = alice.submit(edit, "/catalog/ENTERPRISE", edited(edit, "Enterprise (mine)", "4500.00"));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.textOf("stale-warning")).contains("Someone else changed this licence");
        assertThat(stale.body()).contains("value=\"Enterprise 2026\"", "value=\"6000.00\"");
        assertThat(stale.textOf("your-name")).isEqualTo("Enterprise (mine)");
        assertThat(versionOf(stale)).isEqualTo("2");
        assertThat(catalog.find("ENTERPRISE").orElseThrow().name()).isEqualTo("Enterprise 2026");

        Visitor.Page again = alice.submit(stale, "/catalog/ENTERPRISE", edited(stale, "Enterprise (mine)", "4500.00"));
        assertThat(again.status()).as(again.body()).isEqualTo(303);
        assertThat(catalog.find("ENTERPRISE").orElseThrow().unitPriceCents()).isEqualTo(450_000);
    }

    @Test
    void editingAnUnknownLicenceGoesBackToTheListSayingSo() {
        Visitor alice = salesStaff();

        Visitor.Page edit = alice.get("/catalog/NO_SUCH_SKU/edit");

        assertThat(edit.location()).isEqualTo("/catalog?notice=unknown&sku=NO_SUCH_SKU");
        assertThat(alice.get(edit.location()).textOf("notice")).isEqualTo("There is no licence NO_SUCH_SKU.");
    }

    @Test
    void retiringAsksForConfirmationFirstThenRetiresAndSaysSo() {
        Visitor alice = salesStaff();
        assertThat(row(alice.get("/catalog"), "STARTER")).contains("href=\"/catalog/STARTER/retire\"");

        Visitor.Page confirm = alice.get("/catalog/STARTER/retire");

        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.count("confirm-retire-button")).isEqualTo(1);
        assertThat(confirm.body()).contains("Retire <code>STARTER</code> (Starter, 500.00 EUR)?");
        assertThat(catalog.find("STARTER").orElseThrow().onSale())
                .as("asking retires nothing")
                .isTrue();

        Visitor.Page retired = alice.submit(confirm, "/catalog/STARTER/retire", Map.of());

        assertThat(retired.location()).isEqualTo("/catalog?notice=retired&sku=STARTER");
        assertThat(alice.get(retired.location()).textOf("notice")).startsWith("The licence STARTER is retired");
        assertThat(catalog.find("STARTER").orElseThrow().status()).isEqualTo(StubCatalog.RETIRED);
        assertThat(shop.visitor().get("/").body()).doesNotContain("data-sku=\"STARTER\"");
    }

    @Test
    void aRetiredLicenceOffersNoEditAndNoSecondRetire() {
        catalog.retiredElsewhere("STARTER");
        Visitor alice = salesStaff();

        assertThat(alice.get("/catalog/STARTER/edit").location())
                .isEqualTo("/catalog?notice=already-retired&sku=STARTER");
        assertThat(alice.get("/catalog/STARTER/retire").location())
                .isEqualTo("/catalog?notice=already-retired&sku=STARTER");
    }

    @Test
    void aCommandApiRefusalReadsAsAMessageNotAStackTrace() {
        Visitor alice = salesStaff();
        Visitor.Page form = alice.get("/catalog");

        catalog.refuseWritesWith = 401;
        Visitor.Page unauthorized = alice.submit(form, "/catalog", newLicence("ACME_PRO", "Acme Pro", "10.00"));
        catalog.refuseWritesWith = 403;
        Visitor.Page forbidden = alice.submit(form, "/catalog", newLicence("ACME_PRO", "Acme Pro", "10.00"));
        Visitor.Page retireRefused =
                alice.submit(alice.get("/catalog/STARTER/retire"), "/catalog/STARTER/retire", Map.of());

        assertThat(unauthorized.status()).isEqualTo(403);
        assertThat(unauthorized.textOf("form-error")).contains("did not accept your login", "nothing was saved");
        assertThat(unauthorized.body()).contains("value=\"Acme Pro\"").doesNotContain("Exception", "at com.");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.textOf("form-error")).contains("role SALES");
        assertThat(alice.get(retireRefused.location()).textOf("notice")).contains("STARTER was not retired", "refused");
        assertThat(catalog.all()).hasSize(3).allMatch(StubCatalog.Product::onSale);
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        Visitor anonymous = shop.visitor();

        assertThat(anonymous.get("/catalog").location()).startsWith("/login/auth");
        assertThat(anonymous.get("/catalog/STARTER/edit").location()).startsWith("/login/auth");
        assertThat(anonymous.get("/catalog/STARTER/retire").location()).startsWith("/login/auth");
    }

    @Test
    void opsStaffWithoutSalesRoleMayNeitherSeeNorChangeTheCatalog() {
        Visitor bob = shop.loggedIn(OPS_USER, OPS_PASSWORD);
        Visitor.Page console = bob.get("/ops");

        Visitor.Page page = bob.get("/catalog");
        Visitor.Page add = bob.submit(console, "/catalog", newLicence("ACME_PRO", "Acme Pro", "10.00"));
        Visitor.Page retire = bob.submit(console, "/catalog/STARTER/retire", Map.of());

        assertThat(page.status()).isEqualTo(403);
        assertThat(add.status()).isEqualTo(403);
        assertThat(retire.status()).isEqualTo(403);
        assertThat(catalog.writeAuthorizations).isEmpty();
        assertThat(catalog.all()).hasSize(3).allMatch(StubCatalog.Product::onSale);
    }

    @Test
    void aFormWithoutAValidCsrfTokenChangesNothing() {
        Visitor alice = salesStaff();
        alice.get("/catalog");

        Visitor.Page add = alice.postForm("/catalog", newLicence("ACME_PRO", "Acme Pro", "10.00"));
        Map<String, String> forged = new HashMap<>(newLicence("ACME_PRO", "Acme Pro", "10.00"));
        forged.put("csrfToken", "forged!token");
        Visitor.Page forgedAdd = alice.postForm("/catalog", forged);
        Visitor.Page retire = alice.postForm("/catalog/STARTER/retire", Map.of());
        Visitor.Page edit = alice.postForm(
                "/catalog/STARTER", Map.of("name", "Mallory's", "price", "0.01", "currency", "EUR", "version", "1"));

        assertThat(List.of(add.status(), forgedAdd.status(), retire.status(), edit.status()))
                .containsOnly(403);
        assertThat(catalog.writeAuthorizations).isEmpty();
        assertThat(catalog.find("ACME_PRO")).isEmpty();
        assertThat(catalog.find("STARTER").orElseThrow().name()).isEqualTo("Starter");
    }

    private Visitor salesStaff() {
        return shop.loggedIn(SALES_USER, SALES_PASSWORD);
    }

    private static Map<String, String> newLicence(String sku, String name, String price) {
        return Map.of(
                "sku",
                sku,
                "name",
                name,
                "description",
                "For teams that build rockets",
                "price",
                price,
                "currency",
                "EUR");
    }

    /** The edit form as rendered (its version and description), with a new name and price typed in. */
    private static Map<String, String> edited(Visitor.Page form, String name, String price) {
        return Map.of("version", versionOf(form), "name", name, "description", "", "price", price, "currency", "EUR");
    }

    private static String versionOf(Visitor.Page page) {
        var matcher = Pattern.compile("name=\"version\" value=\"([^\"]*)\"").matcher(page.body());
        assertThat(matcher.find()).as("the form carries its version").isTrue();
        return matcher.group(1);
    }

    /** The markup of the list's row of this licence. */
    private static String row(Visitor.Page page, String sku) {
        var matcher = Pattern.compile(
                        "<tr data-testid=\"product-row\" data-sku=\"" + sku + "\".*?</tr>", Pattern.DOTALL)
                .matcher(page.body());
        assertThat(matcher.find()).as("a row for " + sku).isTrue();
        return matcher.group();
    }
}
