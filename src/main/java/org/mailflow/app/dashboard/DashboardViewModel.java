package org.mailflow.app.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.ErrorMessages;
import org.mailflow.ui.I18n;
import org.mailflow.ui.TaskRunner;
import org.mailflow.ui.TlsTexts;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.SmtpStore;
import org.mailflow.geo.GeoLookup;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;

/**
 * The Dashboard's cards. SMTP AUTH clients (SPEC 2.1): distinct senders in the 7 days ending on the
 * latest day with a submission, how many used legacy TLS, how many used Basic authentication and how
 * many have unusual activity (2.5); its flyout shows that week's TLS split, Basic vs OAuth and daily
 * volume. The unusual-activity count is the report's own ({@link SmtpReport} over the same 7 days, with
 * the same geolocation databases), so card and report agree; it needs every submission of the cache
 * and is computed after the other figures are shown. Bulk senders: bulk messages (BCL 1-9) in the 60
 * days ending on the latest day with bulk data, their senders, and the share identified at the Default
 * threshold (7).
 */
public final class DashboardViewModel {
    public static final int BULK_DAYS = 60;
    public static final int SMTP_DAYS = 7;

    private final CacheSession session;
    private final TaskRunner runner;
    private final I18n i18n;
    private final TlsTexts tlsTexts;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasBulkData = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper bulkMessages = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bulkSenders = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bulkIdentified = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bulkWindow = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasSmtpData = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper smtpSenders = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper smtpLegacy = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper smtpVersionNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper smtpVersionHint = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper smtpWindow = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper smtpBasic = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper smtpHasBasic = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper smtpUnusual = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper flyoutBasicAccounts = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyObjectWrapper<List<ProtocolShare>> protocolShares =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(List.of());
    private final Supplier<GeoLookup> geo;
    private int unusualGeneration;
    private final javafx.beans.property.ReadOnlyObjectWrapper<SmtpStore.Summary> smtpSummary =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final javafx.beans.property.ReadOnlyObjectWrapper<List<TlsShare>> tlsShares =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(List.of());
    private final javafx.beans.property.ReadOnlyObjectWrapper<DailyVolume> flyoutDays = new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper flyoutWindow = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.BooleanProperty flyoutOpen = new javafx.beans.property.SimpleBooleanProperty(false);
    private final javafx.beans.property.ReadOnlyObjectWrapper<Bars> bars = new javafx.beans.property.ReadOnlyObjectWrapper<>(
            new Bars(new long[10], new long[10]));

    /** The card's chart: messages per BCL (index 0-9) delivered below the Default threshold and identified at or above it. */
    public record Bars(long[] delivered, long[] identified) {
        static Bars at(long[] perBcl, int threshold) {
            long[] delivered = new long[10];
            long[] identified = new long[10];
            for (int b = 1; b <= 9; b++) {
                if (b < threshold) {
                    delivered[b] = perBcl[b];
                } else {
                    identified[b] = perBcl[b];
                }
            }
            return new Bars(delivered, identified);
        }

        /** The count axis: whole-number ticks up to the tallest bar. */
        public org.mailflow.model.IntegerTicks ticks() {
            return org.mailflow.model.IntegerTicks.covering(org.mailflow.model.IntegerTicks.stackedMax(List.of(delivered, identified)));
        }
    }

    public DashboardViewModel(CacheSession session, TaskRunner runner, I18n i18n) {
        this(session, runner, i18n, GeoLookup::bundled);
    }

    /**
     * A Dashboard whose unusual-activity count places client IPs with {@code geo} (asked on a worker,
     * never on the FX thread), as the SMTP AUTH report does.
     */
    public DashboardViewModel(CacheSession session, TaskRunner runner, I18n i18n, Supplier<GeoLookup> geo) {
        this.geo = geo;
        this.session = session;
        this.runner = runner;
        this.i18n = i18n;
        this.tlsTexts = new TlsTexts(i18n);
        session.dataVersionProperty().addListener(onDataChanged);
    }

    private final javafx.beans.value.ChangeListener<Number> onDataChanged = (obs, old, v) -> reload();

    /** Stops following the session (another cache or language). */
    public void dispose() {
        session.dataVersionProperty().removeListener(onDataChanged);
        unusualGeneration++;
    }

    public void reload() {
        loading.set(true);
        runner.run("dashboard", p -> {
            Optional<java.time.LocalDate> latestSmtp = session.smtp().latestDay();
            Optional<SmtpStore.Summary> smtp = latestSmtp.isEmpty() ? Optional.empty()
                    : Optional.of(session.smtp().summary(DayWindow.endingOn(latestSmtp.get(), SMTP_DAYS)));
            Optional<java.time.LocalDate> latest = session.bulk().latestDay();
            Optional<BulkStore.Summary> bulk = latest.isEmpty() ? Optional.empty()
                    : Optional.of(session.bulk().summary(DayWindow.endingOn(latest.get(), BULK_DAYS), Policy.DEFAULT.threshold()));
            return new Cards(smtp, bulk);
        }, this::show, e -> {
            loading.set(false);
            error.set(ErrorMessages.of(e, i18n));
        });
    }

    private record Cards(Optional<SmtpStore.Summary> smtp, Optional<BulkStore.Summary> bulk) {
    }

    private void show(Cards cards) {
        loading.set(false);
        error.set("");
        Optional<SmtpStore.Summary> smtp = cards.smtp();
        hasSmtpData.set(smtp.isPresent() && smtp.get().messages() > 0);
        smtpSummary.set(smtp.orElse(null));
        if (smtp.isEmpty()) {
            flyoutOpen.set(false);
        }
        unusualGeneration++; // a count still running is for the data before this reload
        smtpUnusual.set("");
        protocolShares.set(smtp.map(s -> protocolShares(s, i18n)).orElse(List.of()));
        tlsShares.set(smtp.map(s -> tlsShares(s, i18n, tlsTexts)).orElse(List.of()));
        flyoutDays.set(smtp.map(s -> new DailyVolume(s.window(), s.perDay())).orElse(null));
        flyoutWindow.set(smtp.map(s -> s.window().label(i18n.locale())).orElse(""));
        smtp.ifPresent(s -> {
            smtpSenders.set(i18n.number(s.senders()));
            smtpBasic.set(i18n.format("dashboard.smtp.basic", i18n.number(s.basicSenders())));
            smtpHasBasic.set(s.basicSenders() > 0);
            flyoutBasicAccounts.set(i18n.format("dashboard.flyout.basicAccounts", i18n.number(s.basicSenders()), i18n.number(s.senders())));
            smtpLegacy.set(i18n.format("dashboard.smtp.legacy", i18n.number(s.legacySenders()), i18n.percent(s.legacyShare())));
            smtpVersionNote.set(tlsTexts.versionNote(s.versionUnknown(), s.messages()));
            smtpVersionHint.set(TlsTexts.needsHint(s.versionUnknown(), s.messages()));
            smtpWindow.set(i18n.format("dashboard.smtp.window", s.window().label(i18n.locale())));
            if (s.messages() > 0) {
                countUnusual(s.window());
            }
        });
        Optional<BulkStore.Summary> summary = cards.bulk();
        hasBulkData.set(summary.isPresent() && summary.get().bulkMessages() > 0);
        summary.ifPresent(s -> {
            bulkMessages.set(i18n.number(s.bulkMessages()));
            bulkSenders.set(i18n.format("dashboard.bulk.senders", i18n.number(s.senders())));
            bulkIdentified.set(i18n.format("dashboard.bulk.identified", i18n.percent(s.identifiedShare()),
                    Policy.DEFAULT.threshold()));
            bulkWindow.set(i18n.format("dashboard.bulk.window", s.window().label(i18n.locale())));
            bars.set(Bars.at(s.perBcl(), Policy.DEFAULT.threshold()));
            if (s.bulkMessages() > 0) {
                prefetchBulkWindow(s.window());
            }
        });
    }

    /**
     * Loads the card's window, which is also the window Bulk sender insights opens on (the latest
     * {@value #BULK_DAYS} days), into the session in the background, so that the page shows it
     * without waiting for the cache ({@link CacheSession#bulkData}). Its failure is the page's to
     * report when it loads the window itself.
     */
    private void prefetchBulkWindow(DayWindow window) {
        runner.run("prefetch bulk window", p -> session.bulkData(window), d -> { }, e -> { });
    }

    /** Basic and OAuth always, then Other and not logged when the week has any. */
    static List<ProtocolShare> protocolShares(SmtpStore.Summary s, I18n i18n) {
        List<ProtocolShare> out = new java.util.ArrayList<>();
        long total = s.messages();
        for (AuthProtocol p : AuthProtocol.values()) {
            long n = s.count(p);
            if (n == 0 && (p == AuthProtocol.OTHER || p == AuthProtocol.UNKNOWN)) {
                continue;
            }
            out.add(new ProtocolShare(p, i18n.get("dashboard.flyout.protocol." + p.name().toLowerCase(Locale.ROOT)), n,
                    total == 0 ? 0 : (double) n / total, i18n.format("smtp.share", SmtpExports.percent(n, total), i18n.number(n))));
        }
        return List.copyOf(out);
    }

    /** The TLS versions the week's messages used, in the order of {@link TlsVersion}; versions without a message are left out. */
    static List<TlsShare> tlsShares(SmtpStore.Summary s, I18n i18n, TlsTexts tlsTexts) {
        List<TlsShare> out = new java.util.ArrayList<>();
        long total = s.messages();
        for (TlsVersion v : TlsVersion.values()) {
            long n = s.count(v);
            if (n == 0) {
                continue;
            }
            String name = tlsTexts.label(v);
            String percent = SmtpExports.percent(n, total);
            out.add(new TlsShare(v, name, n, (double) n / total, i18n.format("smtp.share", percent, i18n.number(n)),
                    i18n.format("smtp.split", name, percent, i18n.number(n)), v.legacy() ? "legacy" : v.versionKnown() ? "modern" : "unknown"));
        }
        return List.copyOf(out);
    }

    /** Loads the window's submissions with the history its flags need ({@link CacheSession#smtpData}) and counts as the report does. */
    private void countUnusual(DayWindow window) {
        int generation = ++unusualGeneration;
        smtpUnusual.set(i18n.get("dashboard.smtp.unusualPending"));
        runner.run("dashboard unusual activity", p -> unusualSenders(session.smtpData(geo.get(), window), window), n -> {
            if (generation == unusualGeneration) {
                smtpUnusual.set(i18n.format("dashboard.smtp.unusual", i18n.number(n)));
            }
        }, e -> {
            if (generation == unusualGeneration) {
                smtpUnusual.set("");
                error.set(ErrorMessages.of(e, i18n));
            }
        });
    }

    /** Distinct accounts with at least one flag in the report of {@code window} over all sender domains. */
    static long unusualSenders(SmtpDataset data, DayWindow window) {
        return SmtpReport.compute(data, ReportFilter.all(window)).rows().stream().filter(SenderTotals::unusual)
                .mapToInt(SenderTotals::account).distinct().count();
    }

    public ReadOnlyBooleanProperty hasSmtpDataProperty() {
        return hasSmtpData.getReadOnlyProperty();
    }

    /** The number of senders in the last 7 days, formatted. */
    public ReadOnlyStringProperty smtpSendersProperty() {
        return smtpSenders.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty smtpLegacyProperty() {
        return smtpLegacy.getReadOnlyProperty();
    }

    /** How many of the week's messages have no known TLS version, and the setting that logs it when they are many; "" when none. */
    public ReadOnlyStringProperty smtpVersionNoteProperty() {
        return smtpVersionNote.getReadOnlyProperty();
    }

    /** True when more than {@link TlsTexts#HINT_ABOVE} of the week's messages have no known TLS version. */
    public ReadOnlyBooleanProperty smtpVersionHintProperty() {
        return smtpVersionHint.getReadOnlyProperty();
    }

    /** "5 on Basic auth": distinct senders with a Basic submission in the 7 days. */
    public ReadOnlyStringProperty smtpBasicProperty() {
        return smtpBasic.getReadOnlyProperty();
    }

    /** Whether any sender of the 7 days used Basic authentication (the card then warns). */
    public ReadOnlyBooleanProperty smtpHasBasicProperty() {
        return smtpHasBasic.getReadOnlyProperty();
    }

    /** "6 with unusual activity", a note while it is being computed, "" without SMTP AUTH data. */
    public ReadOnlyStringProperty smtpUnusualProperty() {
        return smtpUnusual.getReadOnlyProperty();
    }

    /** The flyout's "5 of 6 accounts used Basic authentication". */
    public ReadOnlyStringProperty flyoutBasicAccountsProperty() {
        return flyoutBasicAccounts.getReadOnlyProperty();
    }

    /** The week's messages per authentication protocol, for the flyout. */
    public javafx.beans.property.ReadOnlyObjectProperty<List<ProtocolShare>> protocolSharesProperty() {
        return protocolShares.getReadOnlyProperty();
    }

    /** The week's messages per TLS version, for the flyout's bars and the card's chips. */
    public javafx.beans.property.ReadOnlyObjectProperty<List<TlsShare>> tlsSharesProperty() {
        return tlsShares.getReadOnlyProperty();
    }

    /** The week's messages per day, for the flyout's chart; null without SMTP AUTH data. */
    public javafx.beans.property.ReadOnlyObjectProperty<DailyVolume> flyoutDaysProperty() {
        return flyoutDays.getReadOnlyProperty();
    }

    /** The flyout's week, "10 Jul – 16 Jul 2026". */
    public ReadOnlyStringProperty flyoutWindowProperty() {
        return flyoutWindow.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty smtpWindowProperty() {
        return smtpWindow.getReadOnlyProperty();
    }

    /** The 7-day figures behind the card and its flyout, or null without SMTP AUTH data. */
    public javafx.beans.property.ReadOnlyObjectProperty<SmtpStore.Summary> smtpSummaryProperty() {
        return smtpSummary.getReadOnlyProperty();
    }

    /** Whether the SMTP AUTH flyout is open. */
    public javafx.beans.property.BooleanProperty flyoutOpenProperty() {
        return flyoutOpen;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasBulkDataProperty() {
        return hasBulkData.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bulkMessagesProperty() {
        return bulkMessages.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bulkSendersProperty() {
        return bulkSenders.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bulkIdentifiedProperty() {
        return bulkIdentified.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bulkWindowProperty() {
        return bulkWindow.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<Bars> barsProperty() {
        return bars.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
