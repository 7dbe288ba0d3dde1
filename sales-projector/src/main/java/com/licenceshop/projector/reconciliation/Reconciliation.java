package com.licenceshop.projector.reconciliation;

import com.licenceshop.events.ShopEvent;
import com.licenceshop.projector.feed.EventFeed;
import com.licenceshop.projector.projection.EventStoreTotals;
import com.licenceshop.projector.projection.SalesDelta;
import com.licenceshop.projector.projection.SalesProjection;
import com.licenceshop.projector.projection.UnappliableEventException;
import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.SalesDatabase;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;

/**
 * Compares the read model's all-time totals (every period) with the same sums computed straight from the
 * event feed. On a busy shop the two are read a moment apart, so a mismatch while events are in flight is
 * expected; {@code readModel.position} and {@code eventStore.lastSequence} say how far each had got.
 */
@Singleton
class Reconciliation {

    private static final int PAGE = 50_000;

    @Serdeable
    record Figures(long orders, long licences, long revenueCents, long position) {}

    @Serdeable
    record Report(boolean matches, Figures readModel, Figures eventStore, long eventsRead) {}

    private final SalesDatabase database;
    private final EventFeed feed;

    Reconciliation(SalesDatabase database, EventFeed feed) {
        this.database = database;
        this.feed = feed;
    }

    Report reconcile() throws Exception {
        Figures model = readModelTotals();
        EventStoreTotals store = new EventStoreTotals();
        long after = 0;
        while (true) {
            EventFeed.Page page = feed.read(after, PAGE, new EventFeed.Sink() {
                @Override
                public void event(ShopEvent event) {
                    try {
                        store.add(SalesProjection.changeOf(event));
                    } catch (UnappliableEventException e) {
                        // the live projection dead-letters it, so it is not counted on either side
                    }
                }

                @Override
                public void unreadable(String line, RuntimeException reason) {
                    // same: never counted by the read model
                }
            });
            after = page.lastSequence();
            if (page.lines() < PAGE) {
                break;
            }
        }
        SalesDelta.Totals totals = store.totals();
        Figures fromStore =
                new Figures(totals.orders(), totals.licences(), totals.revenueCents(), store.lastSequence());
        boolean matches = model.orders() == fromStore.orders()
                && model.licences() == fromStore.licences()
                && model.revenueCents() == fromStore.revenueCents();
        return new Report(matches, model, fromStore, store.events());
    }

    private Figures readModelTotals() throws Exception {
        try (Connection c = database.connect();
                ResultSet row = c.createStatement()
                        .executeQuery(
                                "SELECT coalesce(sum(t.orders), 0), coalesce(sum(t.licences), 0), coalesce(sum(t.revenue_cents), 0), "
                                        + "(SELECT position FROM " + ModelTables.LIVE.position() + ") FROM "
                                        + ModelTables.LIVE.periodTotals() + " t")) {
            row.next();
            return new Figures(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
        }
    }
}
