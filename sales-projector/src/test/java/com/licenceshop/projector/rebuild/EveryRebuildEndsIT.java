package com.licenceshop.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.Topology;
import com.licenceshop.projector.readmodel.ModelLocks;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.FeedFromEventList;
import com.licenceshop.projector.support.OpsHttp;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rebuild ends, and nothing of it stays behind: not its lock (the next one can start at once), not a
 * hanging read of a feed that stopped sending.
 */
class EveryRebuildEndsIT {

    private static final String PASSWORD = java.util.UUID.randomUUID().toString();

    private final TestServers.Database database = TestServers.freshDatabase();
    private final Topology topology = new Topology(TestServers.freshNamespace());
    private final SalesViews views = new SalesViews(database);
    private final FeedFromEventList feed = new FeedFromEventList("ops", PASSWORD);
    private ProjectorInstance projector;

    @AfterEach
    void stop() {
        if (projector != null) {
            projector.close();
        }
        feed.close();
    }

    @Test
    void threeRebuildsInARowAllRunAndLeaveNoLockBehind() {
        SalesHistory history =
                new SalesHistory(new EventFixtures(), 31).orders(300).cancellations(20);
        feed.addAll(history.events());
        startProjector(Map.of());

        for (int run = 1; run <= 3; run++) {
            assertThat(OpsHttp.post(rebuildUrl(), "ops", PASSWORD).status())
                    .as("rebuild %d starts", run)
                    .isEqualTo(202);
            await("rebuild " + run + " finished")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> rebuildState().contains("\"state\":\"FINISHED\""));
            await("rebuild " + run + " let go of its lock")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> rebuildLocks() == 0);
        }

        var summary = views.summary();
        assertThat(summary.orders()).isEqualTo(history.currentPeriod().orders());
        assertThat(summary.position()).isEqualTo(history.lastSequence());
    }

    @Test
    void aStalledFeedFailsTheRebuildLeavingLiveTablesAndLockAlone() {
        SalesHistory history = new SalesHistory(new EventFixtures(), 41).orders(400);
        feed.addAll(history.events());
        startProjector(Map.of("shop.command-api.read-timeout", "1s"));
        try (var broker = ProjectorBroker.connect(topology)) {
            broker.publishAll(history.events());
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> views.inboxSize() == history.events().size());
        SalesViews.Snapshot live = views.snapshot();
        feed.stallAfter(50); // in the middle of the first page (100)

        assertThat(OpsHttp.post(rebuildUrl(), "ops", PASSWORD).status()).isEqualTo(202);

        await("the rebuild gives up on the stalled feed")
                .atMost(Duration.ofSeconds(20))
                .until(() -> rebuildState().contains("\"state\":\"FAILED\""));
        assertThat(rebuildState()).contains("stalled: nothing received for 1000 ms (shop.command-api.read-timeout)");
        assertThat(views.snapshot()).isEqualTo(live);
        await("the failed rebuild let go of its lock")
                .atMost(Duration.ofSeconds(5))
                .until(() -> rebuildLocks() == 0);
    }

    private void startProjector(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "shop.command-api.url",
                feed.url(),
                "shop.ops.username",
                "ops",
                "shop.ops.password",
                PASSWORD,
                "shop.rebuild.page-size",
                100,
                "shop.rebuild.chunk-size",
                50));
        properties.putAll(extra);
        projector = ProjectorInstance.start(database, topology, properties);
    }

    private String rebuildUrl() {
        return projector.url() + "ops/rebuild";
    }

    private String rebuildState() {
        return OpsHttp.get(rebuildUrl(), "ops", PASSWORD).body();
    }

    /** Advisory locks on the rebuild key in this database, by any session, held or awaited. */
    private long rebuildLocks() throws SQLException {
        try (Connection c = database.connect();
                ResultSet row = c.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                                + " AND classid::bigint = " + (ModelLocks.REBUILD >>> 32)
                                + " AND objid::bigint = " + (ModelLocks.REBUILD & 0xFFFFFFFFL))) {
            row.next();
            return row.getLong(1);
        }
    }
}
