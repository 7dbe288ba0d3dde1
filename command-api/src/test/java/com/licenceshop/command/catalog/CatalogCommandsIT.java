package com.licenceshop.command.catalog;

import static com.licenceshop.command.support.CatalogClient.change;
import static com.licenceshop.command.support.CatalogClient.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CatalogClient;
import com.licenceshop.command.support.ConsumingCommandApiIT;
import com.licenceshop.events.ProductAdded;
import com.licenceshop.events.ProductChanged;
import com.licenceshop.events.ProductRetired;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class CatalogCommandsIT extends ConsumingCommandApiIT {

    private static final AtomicInteger SKUS = new AtomicInteger();
    CatalogClient catalog;

    @BeforeAll
    void catalogClient() {
        catalog = new CatalogClient(http);
    }

    static String newSku() {
        return "TEST_" + SKUS.incrementAndGet();
    }

    /** Everything a refusal must leave as it was: every product row and the number of events. */
    String stored() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect();
                ResultSet all = connection
                        .createStatement()
                        .executeQuery("SELECT p::text FROM commands.products p ORDER BY sku")) {
            while (all.next()) {
                rows.add(all.getString(1));
            }
        }
        return rows + " events=" + count("SELECT count(*) FROM commands.events");
    }

    String added(String sku, long price) {
        var response = catalog.add(product(sku, "Licence " + sku, price));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.header("ETag");
    }

    List<ShopEvent> feedAbout(String sku) {
        var response = http.getAsOps("/api/events?after=0&limit=10000");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body()
                .lines()
                .map(line -> codec.decode(line.getBytes(StandardCharsets.UTF_8)))
                .filter(event -> sku.equals(skuOf(event)))
                .toList();
    }

    static String skuOf(ShopEvent event) {
        if (event instanceof ProductAdded added) {
            return added.sku();
        }
        if (event instanceof ProductChanged changed) {
            return changed.sku();
        }
        return event instanceof ProductRetired retired ? retired.sku() : null;
    }

    @Test
    void anAddedLicenceIs201WithETagAndPublishesProductAdded() {
        String sku = newSku();
        var response = catalog.add(product(sku, "Acme Pro", 129_900));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/products/" + sku);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.json())
                .containsEntry("sku", sku)
                .containsEntry("name", "Acme Pro")
                .containsEntry("description", "Acme Pro licence")
                .containsEntry("unitPriceCents", 129_900)
                .containsEntry("currency", "EUR")
                .containsEntry("status", "ON_SALE")
                .containsEntry("version", 1);

        var one = catalog.get(sku);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("ETag")).isEqualTo("\"1\"");
        assertThat(one.json()).isEqualTo(response.json());

        assertThat(feedAbout(sku)).singleElement().isInstanceOfSatisfying(ProductAdded.class, event -> {
            assertThat(event.name()).isEqualTo("Acme Pro");
            assertThat(event.unitPriceCents()).isEqualTo(129_900);
            assertThat(event.currency()).isEqualTo("EUR");
            assertThat(event.description()).isEqualTo("Acme Pro licence");
            assertThat(event.changedBy()).as("the staff member of the token").isEqualTo("sam");
        });
        TestBroker.Delivery delivery = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> consumer.deliveries().stream()
                                .filter(d -> sku.equals(skuOf(codec.decode(d.body()))))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(delivery.routingKey()).isEqualTo("product.added");
        assertThat(delivery.properties().getType()).isEqualTo("ProductAdded");
    }

    @Test
    void aDescriptionMayBeLeftOutAndIsThenNull() {
        String sku = newSku();
        Map<String, Object> body = product(sku, "Bare", 100);
        body.remove("description");

        var response = catalog.add(body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json()).containsEntry("description", null);
    }

    @Test
    void aDuplicateSkuIs409AndStoresNothing() throws Exception {
        String sku = newSku();
        added(sku, 1_000);
        String before = stored();

        var response = catalog.add(product(sku, "Another", 2_000));

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:duplicate-sku");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aRetiredSkuCannotBeAddedAgain() throws Exception {
        String sku = newSku();
        added(sku, 1_000);
        assertThat(catalog.retire(sku).status()).isEqualTo(204);
        String before = stored();

        var response = catalog.add(product(sku, "Back again", 1_000));

        assertThat(response.status()).isEqualTo(409);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void invalidFieldsAre422NamingEachFieldAndRuleAndStoreNothing() throws Exception {
        String before = stored();

        var response = catalog.add(invalidProduct("lower-case", " ", 0, "USD"));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:invalid-product");
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(
                        tuple("sku", "pattern"),
                        tuple("name", "required"),
                        tuple("unitPriceCents", "positive"),
                        tuple("currency", "supported-currency"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void nulControlAndBidiCharactersInTextAre422AndStoreNothing() throws Exception {
        String sku = newSku();
        String etag = added(sku, 1_000);
        String before = stored();

        for (String[] text : new String[][] {
            {"A\u0000", null},
            {"A", "x\u0000"},
            {"A\u0007B\u001b[31mRED", null},
            {"Starter \u202eexe.txt\u202c \u200b\u200f", null},
            {"A", "zero\u200bwidth"}
        }) {
            Map<String, Object> added = product(newSku(), text[0], 100);
            added.put("description", text[1]);
            Map<String, Object> changed = change(text[0], 100);
            changed.put("description", text[1]);
            for (var response : List.of(catalog.add(added), catalog.change(sku, etag, changed))) {
                assertThat(response.status()).as(response.body()).isEqualTo(422);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.errors())
                        .extracting(e -> e.get("field"), e -> e.get("rule"))
                        .containsExactly(tuple(text[1] == null ? "name" : "description", "characters"));
            }
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void theFuzzersNulCaseIs422NotA500() throws Exception {
        String before = stored();

        // api-fuzzing.md R1, as Schemathesis printed it (unknown keys and all)
        var response = catalog.addRaw(
                "application/json",
                "{\"f\\u00a7\\u00dc\\u00bb\": {\"\": {}}, \"u\\u00c2.2t!4\": [], "
                        + "\"\\ud855\\ude87\\u00bd\": [true], \"5\\u00ec\\uda16\\udde3\": {}, "
                        + "\"name\": \"\\u000e\\u0000\\u00c9\\ud975\\udd38\", \"unitPriceCents\": 100000000, \"sku\": \"J3KS4QT\", "
                        + "\"description\": null, \"currency\": \"EUR\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(tuple("name", "characters"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void nameAndDescriptionAreStoredInNormalisationFormC() {
        String sku = newSku();
        Map<String, Object> body = product(sku, "Cafe\u0301 Pro", 100);
        body.put("description", "Ti\u00ea\u0301ng Vi\u1ec7t\r\nsecond line");

        var response = catalog.add(body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(catalog.get(sku).json())
                .containsEntry("name", "Caf\u00e9 Pro")
                .containsEntry("description", "Ti\u1ebfng Vi\u1ec7t\nsecond line");
    }

    static Map<String, Object> invalidProduct(String sku, String name, Object price, String currency) {
        Map<String, Object> body = CatalogClient.product(sku, name, 1);
        body.put("unitPriceCents", price);
        body.put("currency", currency);
        return body;
    }

    @Test
    void aBodyThatIsNotJsonIs400AndStoresNothing() throws Exception {
        String before = stored();

        var response = catalog.addRaw("application/json", "{not json");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:malformed-json");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnknownSkuIs404ForGetChangeAndRetire() throws Exception {
        String before = stored();

        for (var response : List.of(
                catalog.get("NO_SUCH"),
                catalog.change("NO_SUCH", "\"1\"", change("x", 1)),
                catalog.retire("NO_SUCH"),
                catalog.get("not%20a%20sku"))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:not-found");
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aCurrentETagChangeBumpsTheVersionAndPublishesProductChanged() {
        String sku = newSku();
        String etag = added(sku, 1_000);

        var response = catalog.change(sku, etag, change("Renamed", 1_500));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        assertThat(response.json())
                .containsEntry("name", "Renamed")
                .containsEntry("unitPriceCents", 1_500)
                .containsEntry("version", 2)
                .containsEntry("status", "ON_SALE");
        assertThat(catalog.get(sku).json()).isEqualTo(response.json());
        assertThat(feedAbout(sku)).hasSize(2).last().isInstanceOfSatisfying(ProductChanged.class, event -> {
            assertThat(event.name()).isEqualTo("Renamed");
            assertThat(event.unitPriceCents()).isEqualTo(1_500);
            assertThat(event.version()).isEqualTo(2);
            assertThat(event.changedBy()).isEqualTo("sam");
        });
    }

    @Test
    void aChangeWithoutIfMatchIs428AndStoresNothing() throws Exception {
        String sku = newSku();
        added(sku, 1_000);
        String before = stored();

        var response = catalog.change(sku, null, change("Renamed", 1_500));

        assertThat(response.status()).as(response.body()).isEqualTo(428);
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:precondition-required");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void staleETagsAre412WithTheCurrentOneAndStoreNothing() throws Exception {
        String sku = newSku();
        String first = added(sku, 1_000);
        assertThat(catalog.change(sku, first, change("Second", 1_100)).status()).isEqualTo(200);
        String before = stored();

        for (String stale : List.of(first, "W/\"2\"", "*", "\"99\"")) {
            var response = catalog.change(sku, stale, change("Lost update", 9_999));

            assertThat(response.status()).as(stale + ": " + response.body()).isEqualTo(412);
            assertThat(response.header("ETag")).isEqualTo("\"2\"");
            assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:stale-product");
        }
        assertThat(stored()).isEqualTo(before);
        assertThat(catalog.get(sku).json()).containsEntry("name", "Second");
    }

    @Test
    void anInvalidChangeIs422AndStoresNothing() throws Exception {
        String sku = newSku();
        String etag = added(sku, 1_000);
        String before = stored();

        var response = catalog.change(sku, etag, change("x".repeat(81), -5));

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(tuple("name", "length"), tuple("unitPriceCents", "positive"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void retiringIs204OnceWithAnEventAndAgain204WithNone() throws Exception {
        String sku = newSku();
        added(sku, 1_000);

        var first = catalog.retire(sku);
        assertThat(first.status()).as(first.body()).isEqualTo(204);
        String afterFirst = stored();
        var again = catalog.retire(sku);

        assertThat(again.status()).isEqualTo(204);
        assertThat(stored()).isEqualTo(afterFirst);
        assertThat(catalog.get(sku).json()).containsEntry("status", "RETIRED").containsEntry("version", 2);
        assertThat(catalog.get(sku).header("ETag")).isEqualTo("\"2\"");
        assertThat(feedAbout(sku)).hasSize(2).last().isInstanceOfSatisfying(ProductRetired.class, event -> {
            assertThat(event.version()).isEqualTo(2);
            assertThat(event.changedBy()).isEqualTo("sam");
        });
    }

    @Test
    void aRetiredLicenceIsNotEditedIts409AndStoresNothing() throws Exception {
        String sku = newSku();
        added(sku, 1_000);
        catalog.retire(sku);
        String before = stored();

        var response = catalog.change(sku, "\"2\"", change("Revived", 1_000));

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:product-retired");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shopListsByPriceThenSkuAndStaffAlsoSeeRetired() {
        String cheapB = "CHEAP_B" + SKUS.incrementAndGet();
        String cheapA = "CHEAP_A" + SKUS.incrementAndGet();
        String gone = newSku();
        added(cheapB, 7);
        added(cheapA, 7);
        added(gone, 8);
        catalog.retire(gone);

        var shop = http.get("/api/products").jsonList().stream()
                .map(p -> (String) p.get("sku"))
                .toList();
        var staff = http.get("/api/products?status=all").jsonList();

        assertThat(shop)
                .doesNotContain(gone)
                .containsSubsequence(cheapA, cheapB, "STARTER", "PROFESSIONAL", "ENTERPRISE");
        assertThat(staff)
                .filteredOn(p -> p.get("sku").equals(gone))
                .singleElement()
                .satisfies(p -> assertThat(p).containsEntry("status", "RETIRED"));
        assertThat(http.get("/api/products?status=nonsense").status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesEveryCatalogStatus() {
        var spec = http.get("/swagger/command-api-1.yml");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body())
                .contains(
                        "/api/products/{sku}",
                        "NewProductRequest",
                        "ChangeProductRequest",
                        "\"412\"",
                        "\"428\"",
                        "\"409\"",
                        "\"422\"",
                        "stale-product",
                        "duplicate-sku");
    }

    @Test
    void anonymousCatalogWritesAre401AndStoreNothing() throws Exception {
        String sku = newSku();
        String etag = added(sku, 1_000);
        String before = stored();

        for (var request : writesTo(sku, etag)) {
            var response = http.send(request);
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(stored()).isEqualTo(before);
        assertThat(catalog.get(sku).json()).containsEntry("version", 1).containsEntry("status", "ON_SALE");
    }

    @Test
    void catalogWritesWithoutTheSalesRoleAre403AndStoreNothing() throws Exception {
        String sku = newSku();
        String etag = added(sku, 1_000);
        String before = stored();

        for (var request : writesTo(sku, etag)) {
            var response = http.send(com.licenceshop.command.support.StaffLogin.authorizeAs(request, "OPS"));
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(stored()).isEqualTo(before);
    }

    /** A POST of a new licence, a PUT and a DELETE of {@code sku}, each without any credential. */
    List<java.net.http.HttpRequest.Builder> writesTo(String sku, String etag) {
        var body = java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.write(product(newSku(), "Sneaky", 1)));
        var change = java.net.http.HttpRequest.BodyPublishers.ofString(TestHttp.write(change("Sneaky", 1)));
        return List.of(
                http.request("/api/products")
                        .header("Content-Type", "application/json")
                        .POST(body),
                http.request("/api/products/" + sku)
                        .header("Content-Type", "application/json")
                        .header("If-Match", etag)
                        .PUT(change),
                http.request("/api/products/" + sku).DELETE());
    }
}
