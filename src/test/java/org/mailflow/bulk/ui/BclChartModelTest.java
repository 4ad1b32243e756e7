package org.mailflow.bulk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.cache.PolicyStore;
import org.mailflow.model.IntegerTicks;
import org.mailflow.testing.Fixtures;

/**
 * The BCL chart's data and its drill-down in the view model, without a toolkit, on {@link Fixtures}
 * (C = 7; spam@deals.example has 60 messages at BCL 8, mid@shop.example 50 at BCL 5).
 */
class BclChartModelTest {
    @TempDir
    Path dir;
    private Cache cache;
    private BulkInsightsViewModel model;

    @BeforeEach
    void open() throws Exception {
        cache = Fixtures.smallBulkCache(dir);
        CacheSession session = new CacheSession(cache, false);
        session.setPolicies(new PolicyStore(cache).all());
        model = new BulkInsightsViewModel(session, new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        model.reload();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void theChartsSeriesComeFromTheViewModelAndFollowTheNewThreshold() {
        BulkInsightsViewModel.BclChart chart = model.bclChartProperty().get();
        assertThat(chart.names()).containsExactly("Delivered at current threshold", "Identified at current threshold",
                "Delivered at new threshold", "Identified at new threshold");
        assertThat(chart.value(1, 8)).isEqualTo(60);
        assertThat(chart.value(0, 8)).isZero();
        assertThat(chart.value(0, 5)).isEqualTo(50);
        assertThat(chart.ticks()).isEqualTo(IntegerTicks.covering(100)); // 100 messages at BCL 3
        model.newThresholdProperty().set(9);
        assertThat(model.bclChartProperty().get().value(2, 8)).isEqualTo(60); // delivered at the new threshold
        assertThat(model.bclChartProperty().get().value(1, 8)).isEqualTo(60);
    }

    @Test
    void aBclBarListsTheSendersWithMessagesAtThatLevelAndTheChipClearsIt() {
        model.drillToBcl(8);
        assertThat(model.sortedSenders()).extracting(SenderRow::address).containsExactly("spam@deals.example");
        assertThat(model.bclChipProperty().get()).isEqualTo("BCL: 8");
        assertThat(model.countTextProperty().get()).isEqualTo("1 of 6 senders");
        model.searchProperty().set("nobody");
        assertThat(model.sortedSenders()).isEmpty();
        model.searchProperty().set("");
        model.newThresholdProperty().set(9); // a slider move keeps the drill-down
        assertThat(model.sortedSenders()).hasSize(1);
        model.clearBclDrill();
        assertThat(model.sortedSenders()).hasSize(6);
        assertThat(model.bclChipProperty().get()).isEmpty();
        assertThat(model.bclDrillProperty().get()).isEqualTo(BulkInsightsViewModel.NO_BCL);
    }

    @Test
    void aLevelOutsideTheChartChangesNothing() {
        model.drillToBcl(0);
        model.drillToBcl(10);
        assertThat(model.sortedSenders()).hasSize(6);
        assertThat(model.bclChipProperty().get()).isEmpty();
    }
}
