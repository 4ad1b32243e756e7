package org.mailflow.bulk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.bulk.Policy;
import org.mailflow.bulk.Relation;
import org.mailflow.bulk.SenderFlag;
import org.mailflow.cache.Cache;
import org.mailflow.cache.PolicyStore;
import org.mailflow.testing.Fixtures;

/** The page's state, without a window: a synchronous runner makes every load and simulation immediate. */
class BulkInsightsViewModelTest {
    @TempDir
    Path dir;

    private Cache cache;
    private CacheSession session;
    private BulkInsightsViewModel model;

    @BeforeEach
    void open() throws Exception {
        cache = Fixtures.smallBulkCache(dir);
        session = new CacheSession(cache, false);
        session.setPolicies(new PolicyStore(cache).all());
        model = new BulkInsightsViewModel(session, new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        model.reload();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void opensOnTheLatestSixtyDaysAtTheDefaultThreshold() {
        assertThat(model.asOfProperty().get()).isEqualTo(Fixtures.AS_OF);
        // the bulk data starts on 24 Sep: the 60 days reach back before it, and the subtitle says so
        assertThat(model.windowLabelProperty().get()).isEqualTo("14 Sep – 12 Nov 2026 · data from 24 Sep");
        assertThat(model.currentProperty().get()).isEqualTo(7);
        assertThat(model.newThresholdProperty().get()).isEqualTo(7);
        assertThat(model.deliveredCurrentProperty().get()).isEqualTo(190);
        assertThat(model.identifiedCurrentProperty().get()).isEqualTo(75);
        assertThat(model.countTextProperty().get()).isEqualTo("6 of 6 senders");
        assertThat(model.bclRows().get(2).allProperty().get()).isEqualTo(100);
    }

    @Test
    void choosingAPolicyMovesBothThresholdsToIt() {
        model.newThresholdProperty().set(3);
        model.policyProperty().set(Policy.custom("Marketing", 8));
        assertThat(model.currentProperty().get()).isEqualTo(8);
        assertThat(model.newThresholdProperty().get()).isEqualTo(8);
        assertThat(model.relationProperty().get()).isEqualTo(Relation.SAME);
        assertThat(model.identifiedCurrentProperty().get()).isEqualTo(65);
    }

    @Test
    void theFilterStaysWhileItsColumnIsShownAndFallsBackToAllOtherwise() {
        model.filterProperty().set(FilterChoice.of(SenderFlag.POTENTIAL_FALSE_POSITIVE));
        assertThat(model.shownProperty().get()).isEqualTo(2);
        model.newThresholdProperty().set(5);
        assertThat(model.filterChoices()).extracting(c -> c.flag().map(SenderFlag::token).orElse("all"))
                .containsExactly("all", "newly-blocked", "potential-fp");
        assertThat(model.filterProperty().get()).isEqualTo(FilterChoice.of(SenderFlag.POTENTIAL_FALSE_POSITIVE));
        assertThat(model.shownProperty().get()).isEqualTo(3);
        model.newThresholdProperty().set(9);
        assertThat(model.filterProperty().get()).isEqualTo(FilterChoice.ALL);
        assertThat(model.shownProperty().get()).isEqualTo(6);
    }

    @Test
    void searchAndFilterCombine() {
        model.newThresholdProperty().set(5);
        model.filterProperty().set(FilterChoice.of(SenderFlag.NEWLY_BLOCKED));
        model.searchProperty().set("MID");
        assertThat(model.sortedSenders()).extracting(SenderRow::address).containsExactly("mid@shop.example");
        assertThat(model.countTextProperty().get()).isEqualTo("1 of 6 senders");
    }

    @Test
    void applyingSavesTheCustomPolicyButNeverABuiltIn() throws Exception {
        model.newThresholdProperty().set(5);
        assertThat(model.canApplyProperty().get()).isFalse();
        model.applyNewThreshold();
        assertThat(new PolicyStore(cache).find("Default")).contains(Policy.DEFAULT);

        model.policyProperty().set(Policy.custom("Marketing", 8));
        model.newThresholdProperty().set(6);
        assertThat(model.canApplyProperty().get()).isTrue();
        model.applyNewThreshold();
        assertThat(model.appliedProperty().get()).isEqualTo(Policy.custom("Marketing", 6));
        assertThat(model.appliedProperty().get().powerShell())
                .isEqualTo("Set-HostedContentFilterPolicy -Identity \"Marketing\" -BulkThreshold 6");
        assertThat(new PolicyStore(cache).find("marketing")).contains(Policy.custom("Marketing", 6));
        assertThat(model.currentProperty().get()).isEqualTo(6);
        assertThat(model.canApplyProperty().get()).isFalse();
    }

    @Test
    void aDeletedPolicyFallsBackToDefault() {
        model.policyProperty().set(Policy.custom("Marketing", 8));
        session.setPolicies(Policy.BUILT_IN);
        assertThat(model.policyProperty().get()).isEqualTo(Policy.DEFAULT);
        assertThat(model.currentProperty().get()).isEqualTo(7);
    }

    @Test
    void anotherWindowReloadsAndANewImportGoesBackToTheLatestDay() {
        model.daysProperty().set(7);
        assertThat(model.windowLabelProperty().get()).isEqualTo("6 Nov – 12 Nov 2026");
        assertThat(model.totalProperty().get()).isEqualTo(6); // every table sender sent in the last week
        model.asOfProperty().set(LocalDate.of(2026, 10, 1));
        assertThat(model.totalProperty().get()).isEqualTo(1);
        assertThat(model.sortedSenders()).extracting(SenderRow::address).containsExactly("calm@news.example");
        session.dataChanged();
        assertThat(model.asOfProperty().get()).isEqualTo(Fixtures.AS_OF);
    }

    @Test
    void aSlowerOlderLoadNeverReplacesANewerOne() throws Exception {
        org.mailflow.testing.ManualRunner runner = new org.mailflow.testing.ManualRunner();
        BulkInsightsViewModel m = new BulkInsightsViewModel(session, runner, new I18n(Locale.ENGLISH));
        m.reload();                      // 60 days
        m.daysProperty().set(7);         // 7 days, asked later
        runner.finishLast();             // the 7-day load arrives first …
        runner.finishNext();             // … then the 60-day one
        while (!runner.finishers.isEmpty()) {
            runner.finishNext();         // the simulation
        }
        assertThat(m.windowLabelProperty().get()).isEqualTo("6 Nov – 12 Nov 2026");
        assertThat(m.daysProperty().get()).isEqualTo(7);
    }

    @Test
    void aWindowInsideTheDataIsJustItsDatesAndOneEndingAfterItSaysUntilWhen() {
        model.daysProperty().set(7);
        assertThat(model.windowLabelProperty().get()).isEqualTo("6 Nov – 12 Nov 2026");
        model.asOfProperty().set(Fixtures.AS_OF.plusDays(10));
        assertThat(model.windowLabelProperty().get()).isEqualTo("16 Nov – 22 Nov 2026 · no data in these dates");
        model.asOfProperty().set(Fixtures.AS_OF.plusDays(3));
        assertThat(model.windowLabelProperty().get()).isEqualTo("9 Nov – 15 Nov 2026 · data until 12 Nov");
    }

    @Test
    void loadingLastsUntilTheTotalsDescribeTheNewWindow() {
        org.mailflow.testing.ManualRunner runner = new org.mailflow.testing.ManualRunner();
        BulkInsightsViewModel m = new BulkInsightsViewModel(session, runner, new I18n(Locale.ENGLISH));
        assertThat(m.loadingProperty().get()).isFalse();
        m.reload();
        assertThat(m.loadingProperty().get()).isTrue();
        runner.finishNext(); // the window is loaded: its rows are there, but the totals are not computed yet
        assertThat(m.totalProperty().get()).isEqualTo(6);
        assertThat(m.loadingProperty().get()).as("no zero totals shown as data").isTrue();
        assertThat(m.deliveredCurrentProperty().get()).isZero();
        runner.finishNext(); // the first simulation
        assertThat(m.loadingProperty().get()).isFalse();
        assertThat(m.deliveredCurrentProperty().get()).isEqualTo(190);

        m.daysProperty().set(7); // another window: loading again, until its own totals
        assertThat(m.loadingProperty().get()).isTrue();
        runner.finishNext();
        assertThat(m.loadingProperty().get()).isTrue();
        runner.finishNext();
        assertThat(m.loadingProperty().get()).isFalse();
        assertThat(m.windowLabelProperty().get()).isEqualTo("6 Nov – 12 Nov 2026");

        session.dataChanged(); // an import ended
        assertThat(m.loadingProperty().get()).isTrue();
        while (!runner.finishers.isEmpty()) {
            runner.finishNext();
        }
        assertThat(m.loadingProperty().get()).isFalse();
        m.dispose();
    }

    @Test
    void aNewWindowWithAFilterOnShowsTheNewRowsFilteredByTheirOwnFlags() {
        model.filterProperty().set(FilterChoice.of(SenderFlag.POTENTIAL_FALSE_POSITIVE));
        model.searchProperty().set("example");
        model.daysProperty().set(7);
        assertThat(model.sortedSenders()).extracting(SenderRow::address)
                .containsExactly("allowed@trusted.example", "edge@promo.example");
    }

    @Test
    void selectingASenderGivesItsDetails() {
        SenderRow spam = model.sortedSenders().stream().filter(r -> r.address().equals("spam@deals.example")).findFirst().orElseThrow();
        model.selectedProperty().set(spam);
        assertThat(model.detailsProperty().get().address()).isEqualTo("spam@deals.example");
        assertThat(model.detailsProperty().get().breakdown().quality()).isEqualTo(12);
        model.reload();
        assertThat(model.detailsProperty().get()).isNull();
    }

    @Test
    void exportsGoToDownloadsUnderNewNames() throws Exception {
        java.util.List<String> notes = new java.util.ArrayList<>();
        org.mailflow.ui.export.Exports exports = new org.mailflow.ui.export.Exports(new SyncTaskRunner(),
                () -> new I18n(Locale.ENGLISH), () -> dir, () -> (title, text) -> notes.add(title + ": " + text),
                new org.mailflow.ui.LongOperations());
        exports.toDownloads(model.sendersExport().orElseThrow());
        exports.toDownloads(model.sendersExport().orElseThrow());
        exports.toDownloads(model.bclExport().orElseThrow());
        assertThat(dir.resolve("Bulk sender insights.csv")).exists();
        assertThat(dir.resolve("Bulk sender insights (1).csv")).exists();
        assertThat(exports.lastWrittenProperty().get()).isEqualTo(dir.resolve("Bulk complaint levels.csv"));
        assertThat(notes).last().isEqualTo("Export saved: " + dir.resolve("Bulk complaint levels.csv"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(Files.readAllLines(dir.resolve("Bulk sender insights.csv"))).hasSize(7);
    }

    @Test
    void resetGoesBackToCurrentAndFifty() {
        model.newThresholdProperty().set(2);
        model.qualityProperty().set(90);
        model.reset();
        assertThat(model.newThresholdProperty().get()).isEqualTo(7);
        assertThat(model.qualityProperty().get()).isEqualTo(50);
        assertThat(model.resultProperty().get().params().quality()).isEqualTo(50);
        assertThat(Optional.ofNullable(model.errorProperty().get())).contains("");
    }
}
