package com.licenceshop.projector.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The projection is commutative and idempotent: the same events delivered shuffled and partly repeated give
 * exactly the model that in-order delivery gives (two projectors, each on its own database and queue).
 */
class ShuffledAndRepeatedDeliveryIT {

    @Test
    void shuffledAndRepeatedDeliveryGivesTheSameModelAsInOrderDelivery() {
        SalesHistory history = new SalesHistory(new EventFixtures(), 42)
                .orders(150)
                .cancellations(20)
                .periodClose()
                .orders(150)
                .cancellations(30)
                .periodClose()
                .orders(100)
                .cancellations(15);
        List<ShopEvent> inOrder = history.events();
        List<ShopEvent> shuffled = new ArrayList<>(inOrder);
        Random random = new Random(7);
        for (int i = 0; i < inOrder.size() / 3; i++) {
            shuffled.add(inOrder.get(random.nextInt(inOrder.size())));
        }
        Collections.shuffle(shuffled, random);

        SalesViews.Snapshot inOrderModel = modelAfterDelivering(inOrder, inOrder.size());
        SalesViews.Snapshot shuffledModel = modelAfterDelivering(shuffled, inOrder.size());

        assertThat(shuffledModel).isEqualTo(inOrderModel);
        SalesHistory.Expected current = history.currentPeriod();
        assertThat(inOrderModel.summary().orders()).isEqualTo(current.orders());
        assertThat(inOrderModel.summary().licences()).isEqualTo(current.licences());
        assertThat(inOrderModel.summary().revenueCents()).isEqualTo(current.revenueCents());
        assertThat(inOrderModel.summary().position()).isEqualTo(history.lastSequence());
    }

    private static SalesViews.Snapshot modelAfterDelivering(List<ShopEvent> deliveries, int distinctEvents) {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        var views = new SalesViews(database);
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publishAll(deliveries);
            await().atMost(Duration.ofSeconds(60)).until(() -> views.inboxSize() == distinctEvents);
            return views.snapshot();
        }
    }
}
