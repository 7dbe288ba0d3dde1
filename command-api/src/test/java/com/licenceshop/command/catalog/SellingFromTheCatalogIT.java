package com.licenceshop.command.catalog;

import static com.licenceshop.command.support.CatalogClient.change;
import static com.licenceshop.command.support.CatalogClient.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CatalogClient;
import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ProductAdded;
import com.licenceshop.events.ShopEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders against a catalog that staff change: a new licence sells at its price at once (on this instance and
 * on a second one), a price change applies to later orders only, a retired licence is refused.
 */
@MicronautTest(transactional = false)
class SellingFromTheCatalogIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    com.licenceshop.events.EventCodec codec;

    Http http;
    CatalogClient catalog;
    EmbeddedServer otherReplica;
    Http onTheOtherReplica;

    @BeforeAll
    void clientsAndASecondReplica() {
        http = new Http(server.getURI());
        catalog = new CatalogClient(http);
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("shop.relay.enabled", "false");
        otherReplica = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        onTheOtherReplica = new Http(otherReplica.getURI());
    }

    @AfterAll
    void stopTheSecondReplica() {
        otherReplica.close();
    }

    String order(Http on, String sku, int quantity) {
        var response = on.postJson("/api/orders", Http.order("ada@example.com", sku, quantity));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) response.json().get("orderId");
    }

    /** As ops: some orders were placed through the other replica's client, which holds their tokens. */
    Map<String, Object> stored(String orderId) {
        var response = http.getAsOps("/api/orders/" + orderId);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    List<ShopEvent> feed() {
        return http.getAsOps("/api/events?after=0&limit=10000")
                .body()
                .lines()
                .map(line -> codec.decode(line.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    OrderPlaced placedEventOf(String orderId) {
        return feed().stream()
                .filter(OrderPlaced.class::isInstance)
                .map(OrderPlaced.class::cast)
                .filter(e -> e.orderId().toString().equals(orderId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void newLicencesSellAtOnceOnEveryReplicaAndReachTheFeed() {
        // both replicas have priced a batch before, so each holds a catalog without the new licence
        order(http, "STARTER", 1);
        order(onTheOtherReplica, "STARTER", 1);
        assertThat(catalog.add(product("TEAM", "Team", 90_000)).status()).isEqualTo(201);

        String here = order(http, "TEAM", 2);
        String there = order(onTheOtherReplica, "TEAM", 1);

        assertThat(stored(here)).containsEntry("totalCents", 180_000);
        assertThat(placedEventOf(here).lines()).containsExactly(new OrderLine("TEAM", "Team", 2, 90_000, 180_000));
        assertThat(placedEventOf(there).lines()).containsExactly(new OrderLine("TEAM", "Team", 1, 90_000, 90_000));
        assertThat(feed())
                .filteredOn(ProductAdded.class::isInstance)
                .map(e -> ((ProductAdded) e).sku())
                .contains("TEAM");
    }

    @Test
    void aPriceChangeAppliesToLaterOrdersAndLeavesEarlierOnesAlone() throws Exception {
        String etag = catalog.add(product("SOLO", "Solo", 10_000)).header("ETag");
        String before = order(http, "SOLO", 3);
        OrderPlaced beforeEvent = placedEventOf(before);
        long revenueBefore = count("SELECT sum(total_cents) FROM commands.orders");

        var changed = catalog.change("SOLO", etag, change("Solo Plus", 12_500));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String after = order(http, "SOLO", 1);
        String afterThere = order(onTheOtherReplica, "SOLO", 1);

        assertThat(stored(after)).containsEntry("totalCents", 12_500);
        assertThat(placedEventOf(after).lines()).containsExactly(new OrderLine("SOLO", "Solo Plus", 1, 12_500, 12_500));
        assertThat(stored(afterThere)).containsEntry("totalCents", 12_500);
        assertThat(stored(before)).containsEntry("totalCents", 30_000);
        assertThat(placedEventOf(before)).isEqualTo(beforeEvent);
        assertThat(count("SELECT sum(line_total_cents) FROM commands.order_lines WHERE order_id = '" + before + "'"))
                .isEqualTo(30_000);
        assertThat(count("SELECT sum(total_cents) FROM commands.orders")).isEqualTo(revenueBefore + 2 * 12_500);
    }

    @Test
    void retiredLicencesAre422OnEveryReplicaAndStoreNothing() throws Exception {
        catalog.add(product("LEGACY", "Legacy", 5_000));
        String sold = order(http, "LEGACY", 1);
        order(onTheOtherReplica, "LEGACY", 1);
        assertThat(catalog.retire("LEGACY").status()).isEqualTo(204);
        long orders = count("SELECT count(*) FROM commands.orders");
        long events = count("SELECT count(*) FROM commands.events");

        // both replicas' last batch saw LEGACY on sale: the batch's own read of the catalog refuses it
        for (Http on : List.of(http, onTheOtherReplica)) {
            var refused = on.postJson("/api/orders", Http.order("ada@example.com", "LEGACY", 1));
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json()).containsEntry("type", "urn:licence-shop:problem:licence-not-on-sale");
        }
        // now the validation catalog knows too
        var refused = http.postJson("/api/orders", Http.order("ada@example.com", "LEGACY", 1));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("items[0].sku", "on-sale"));

        assertThat(count("SELECT count(*) FROM commands.orders")).isEqualTo(orders);
        assertThat(count("SELECT count(*) FROM commands.events")).isEqualTo(events);
        assertThat(stored(sold)).containsEntry("status", "PLACED").containsEntry("totalCents", 5_000);
        assertThat(http.get("/api/products").jsonList())
                .noneMatch(p -> p.get("sku").equals("LEGACY"));
    }

    @Test
    void anUnknownSkuKeepsTodaysAnswer() {
        var response = http.postJson("/api/orders", Http.order("ada@example.com", "NOT_THERE", 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors()).extracting(e -> e.get("rule")).containsExactly("known-sku");
    }
}
