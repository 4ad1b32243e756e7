package org.mailflow.app;

import org.mailflow.ui.SyncTaskRunner;

import org.mailflow.ui.I18n;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.dashboard.DashboardViewModel;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.ui.BulkInsightsViewModel;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.geo.GeoLookup;
import org.mailflow.model.DayWindow;
import org.mailflow.testing.Fixtures;

/**
 * The Bulk sender insights window kept by the session ({@link CacheSession#bulkData}) and loaded by
 * the Dashboard once its cards are shown, so that the page opens without reading the cache.
 */
class BulkWindowPrefetchTest {
    @TempDir
    Path dir;

    @Test
    void theSessionKeepsTheLastWindowUntilTheDataChanges() throws Exception {
        try (Cache cache = Fixtures.smallBulkCache(dir)) {
            CacheSession session = new CacheSession(cache, false);
            DayWindow sixty = DayWindow.endingOn(Fixtures.AS_OF, 60);
            BulkDataset first = session.bulkData(sixty);
            assertThat(session.bulkData(sixty)).isSameAs(first);

            DayWindow seven = DayWindow.endingOn(Fixtures.AS_OF, 7);
            BulkDataset week = session.bulkData(seven);
            assertThat(week.window()).isEqualTo(seven);
            assertThat(session.bulkData(seven)).isSameAs(week);
            BulkDataset again = session.bulkData(sixty);
            assertThat(again).isNotSameAs(first);
            assertThat(again.bclTotals()).isEqualTo(new BulkStore(cache).load(sixty).bclTotals());

            session.dataChanged();
            assertThat(session.bulkData(sixty)).isNotSameAs(again);
        }
    }

    @Test
    void theDashboardLoadsThePagesWindowAndThePageUsesIt() throws Exception {
        try (Cache cache = Fixtures.smallBulkCache(dir)) {
            CacheSession session = new CacheSession(cache, false);
            SyncTaskRunner runner = new SyncTaskRunner();
            new DashboardViewModel(session, runner, new I18n(Locale.ENGLISH), GeoLookup::none).reload();

            // Behind the session's back (no data change announced): a sender's rows go. Only a window
            // loaded before that still has the sender.
            cache.write(c -> {
                try (java.sql.Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM bulk_daily WHERE sender_id = (SELECT id FROM bulk_sender WHERE address = 'six@shop.example')");
                }
                return null;
            });
            DayWindow pageWindow = DayWindow.endingOn(Fixtures.AS_OF, 60);
            assertThat(new BulkStore(cache).load(pageWindow).indexOf("six@shop.example")).isEmpty();

            BulkInsightsViewModel page = new BulkInsightsViewModel(session, runner, new I18n(Locale.ENGLISH));
            page.reload();
            assertThat(page.errorProperty().get()).isEmpty();
            BulkDataset shown = page.resultProperty().get().dataset();
            assertThat(shown.window()).isEqualTo(pageWindow);
            assertThat(shown.indexOf("six@shop.example")).as("the window the Dashboard loaded").isPresent();
            assertThat(page.totalProperty().get()).isEqualTo(shown.tableSize());
        }
    }
}
