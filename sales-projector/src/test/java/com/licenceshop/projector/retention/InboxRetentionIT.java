package com.licenceshop.projector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.projection.SalesProjection;
import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.SalesModelWriter;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.EventFixtures.Licence;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inbox retention on a real PostgreSQL, against the real model writer. */
class InboxRetentionIT {

    private final TestServers.Database database = TestServers.freshDatabase();
    // consume=false: no listener; the test applies events itself, as the listener would
    private final ProjectorInstance projector = ProjectorInstance.start(
            database, new Topology(TestServers.freshNamespace()), Map.of("shop.projector.consume", false));
    private final EventFixtures fixtures = new EventFixtures();
    private final Instant now = Instant.now();

    @AfterEach
    void stop() {
        projector.close();
    }

    @Test
    void oldInboxRowsGoAndAnEventAppliedAgainChangesNoFigure() throws SQLException {
        OrderPlaced old = fixtures.anOrderOf(Licence.ENTERPRISE, 2);
        ShopEvent cancellation = fixtures.aCancellationOf(old);
        OrderPlaced recent = fixtures.anOrderOf(Licence.STARTER, 1);
        apply(old);
        apply(cancellation);
        apply(recent);
        ageInboxRowsOf(Duration.ofDays(40), old.eventId());
        ageInboxRowsOf(Duration.ofDays(29), cancellation.eventId());
        ageInboxRowsOf(Duration.ofDays(10), recent.eventId());
        var before = new SalesViews(database).summary();

        long deleted = retention(Duration.ofDays(30)).deleteExpired();

        assertThat(deleted).isEqualTo(1);
        assertThat(new SalesViews(database).inboxSize()).isEqualTo(2);
        // a redelivery or an ops replay of the forgotten placement, and of everything else
        apply(old);
        apply(cancellation);
        apply(recent);
        assertThat(new SalesViews(database).summary()).isEqualTo(before);
        assertThat(before.orders()).isEqualTo(1);
    }

    @Test
    void whileALongRebuildRunsTheRowsItMayStillReadStay() throws SQLException {
        OrderPlaced beforeTheRebuild = fixtures.anOrderOf(Licence.STARTER, 1);
        OrderPlaced duringTheRebuild = fixtures.anOrderOf(Licence.PROFESSIONAL, 1);
        apply(beforeTheRebuild);
        apply(duringTheRebuild);
        ageInboxRowsOf(Duration.ofHours(5), beforeTheRebuild.eventId());
        ageInboxRowsOf(Duration.ofHours(3), duringTheRebuild.eventId());
        try (Connection c = database.connect();
                PreparedStatement running = c.prepareStatement(
                        "UPDATE sales.rebuild_state SET state = 'RUNNING', started_at = ? WHERE id = 1")) {
            running.setObject(1, now.minus(Duration.ofMinutes(150)).atOffset(ZoneOffset.UTC));
            running.executeUpdate();
        }

        long deleted = retention(Duration.ofHours(2)).deleteExpired();

        // 2h retention alone would take both; the rebuild started 2.5h ago keeps what was applied after 3.5h ago
        assertThat(deleted).isEqualTo(1);
        assertThat(new SalesViews(database).inboxSize()).isEqualTo(1);
    }

    private InboxRetention retention(Duration keep) {
        return new InboxRetention(projector.bean(DataSource.class), keep, Clock.fixed(now, ZoneOffset.UTC));
    }

    private void apply(ShopEvent event) throws SQLException {
        SalesModelWriter writer = projector.bean(SalesModelWriter.class);
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            writer.apply(c, ModelTables.LIVE, List.of(SalesProjection.changeOf(event)), SalesModelWriter.Mode.LIVE);
            c.commit();
        }
    }

    private void ageInboxRowsOf(Duration age, java.util.UUID eventId) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement update =
                        c.prepareStatement("UPDATE sales.inbox SET applied_at = ? WHERE event_id = ?")) {
            update.setObject(1, now.minus(age).atOffset(ZoneOffset.UTC));
            update.setObject(2, eventId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
