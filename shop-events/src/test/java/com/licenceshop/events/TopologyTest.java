package com.licenceshop.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void productionNamesAreTheOnesInTheDesign() {
        var topology = Topology.defaultTopology();
        assertEquals("shop.events", topology.eventsExchange());
        assertEquals("shop.sales-projector", topology.salesProjectorQueue());
        assertEquals("shop.sales-projector.dead", topology.deadLetterQueue(topology.salesProjectorQueue()));
        assertEquals("shop.notifications.retry.5000ms", topology.notificationRetryQueue(Duration.ofSeconds(5)));
    }

    @Test
    void theProjectorHearsOfCatalogChangesAndTheNotificationServiceDoesNot() {
        var topology = Topology.defaultTopology();
        assertEquals(true, topology.salesProjectorBindings().contains("product.*"));
        assertEquals(false, topology.notificationBindings().stream().anyMatch(key -> key.startsWith("product.")));
    }

    @Test
    void theProjectorHearsOfRevokedLicencesToCountTheRevokedSeats() {
        assertEquals(
                true,
                Topology.defaultTopology().salesProjectorBindings().contains(EventType.LICENCE_REVOKED.routingKey()));
    }

    @Test
    void aNamespaceThatCouldCollideWithAnotherIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Topology(""));
        assertThrows(IllegalArgumentException.class, () -> new Topology("Shop.Events"));
    }
}
