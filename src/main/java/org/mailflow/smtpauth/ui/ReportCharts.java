package org.mailflow.smtpauth.ui;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.ui.TlsTexts;
import org.mailflow.model.DayWindow;
import org.mailflow.model.IntegerTicks;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;

/**
 * The four charts of one report as {@link ChartData}: series, names, colours, tooltips, titles and
 * value axes. Bars are days, or weeks (ISO, Monday first) when the range is longer than 90 days;
 * the range cuts the first and last week, and such a <em>partial</em> week is marked (a lighter,
 * dashed bar, an asterisk on its label, "(partial: 3 of 7 days)" in its tooltip) so that a short
 * week does not read as a drop. Every TLS version and protocol is always a series, in the same order.
 */
public record ReportCharts(ChartData volume, ChartData tls, ChartData auth, ChartData ips) {

    public ChartData of(SmtpExports.Pivot pivot) {
        return switch (pivot) {
            case VOLUME -> volume;
            case TLS -> tls;
            case AUTH -> auth;
            case IPS -> ips;
        };
    }

    public static ReportCharts of(ReportData r, I18n i18n, SeriesColours colours) {
        List<ChartData.Bar> bars = bars(r, i18n);
        boolean weekly = r.filter().weekly();
        String note = i18n.get(weekly ? "chart.note.weekly" : "smtp.chart.daily");
        return new ReportCharts(volume(r, i18n, colours, bars, note), tls(r, i18n, bars, note), auth(r, i18n, bars, note),
                ips(r, i18n, bars, note));
    }

    /** The chart's title: its daily or weekly form ("Messages sent per week by sender domain"). */
    static String title(I18n i18n, String chart, boolean weekly) {
        return i18n.get("smtp.chart." + chart + (weekly ? ".weekly" : ""));
    }

    /** Up to this many bars every bar is labelled; more are labelled every {@link #labelStep} bars. */
    static final int ALL_LABELS = 31;
    /**
     * The category of a bar without a label: zero-width spaces, one more per bar, since a category
     * axis needs distinct categories (the tooltip still names the bar's days).
     */
    static final String UNLABELLED = "\u200B";

    /**
     * Long ranges label fewer bars, so that the dates stay flat and legible: every 7th day (one a
     * week), or every 4th week or more (about one a month, at most about 16 labels). JavaFX's category
     * axis still turns labels on their side, and leaves some out, when even these do not fit the width.
     */
    static int labelStep(int bars, boolean weekly) {
        if (bars <= ALL_LABELS) {
            return 1;
        }
        return weekly ? Math.max(4, (bars + 15) / 16) : 7;
    }

    /** The report's bars: each day, or each ISO week clipped to the range (partial when cut). */
    static List<ChartData.Bar> bars(ReportData r, I18n i18n) {
        DayWindow w = r.filter().window();
        boolean weekly = r.filter().weekly();
        DateTimeFormatter f = DateConverters.dayMonth(i18n);
        List<LocalDate> starts = r.buckets();
        boolean years = w.first().getYear() != w.last().getYear() && w.days() > 365; // "12 Nov" twice otherwise
        List<ChartData.Bar> out = new ArrayList<>(starts.size());
        int step = labelStep(starts.size(), weekly);
        for (int b = 0; b < starts.size(); b++) {
            LocalDate first = starts.get(b);
            LocalDate last = b + 1 < starts.size() ? starts.get(b + 1).minusDays(1) : w.last();
            DayWindow period = new DayWindow(first, last);
            boolean partial = weekly && period.days() < 7;
            String label = f.format(first) + (years ? " " + (first.getYear() % 100 < 10 ? "0" : "") + first.getYear() % 100 : "");
            String text = period.label(i18n.locale()) + (partial ? " " + i18n.format("chart.partialWeek", period.days()) : "");
            boolean labelled = b % step == 0 || b == starts.size() - 1 && b % step >= (step + 1) / 2;
            String category = !labelled ? UNLABELLED.repeat(b + 1) : partial ? label + ChartData.PARTIAL_MARK : label;
            out.add(new ChartData.Bar(category, period, partial, text));
        }
        return out;
    }

    private static ChartData volume(ReportData r, I18n i18n, SeriesColours colours, List<ChartData.Bar> bars, String note) {
        List<ChartData.Series> series = new ArrayList<>();
        Set<String> named = new HashSet<>();
        r.volume().forEach(s -> {
            if (s.domain() != null) {
                named.add(s.domain());
            }
        });
        List<long[]> counts = new ArrayList<>();
        for (ReportData.DomainSeries s : r.volume()) {
            String name = s.domain() == null ? i18n.get("smtp.otherDomains") : s.domain().isEmpty() ? i18n.get("smtp.noDomain") : s.domain();
            Drill drill = s.domain() == null
                    ? new Drill(Drill.Kind.OTHER_DOMAINS, "", named, i18n.format("drill.domain", name))
                    : new Drill(Drill.Kind.DOMAIN, s.domain(), Set.of(), i18n.format("drill.domain", name));
            series.add(counted(drill, name, colours.domain(s.domain()), s.perBucket(), bars, i18n));
            counts.add(s.perBucket());
        }
        return new ChartData(title(i18n, "volume", r.filter().weekly()), note, bars, series,
                IntegerTicks.covering(IntegerTicks.stackedMax(counts)));
    }

    private static ChartData tls(ReportData r, I18n i18n, List<ChartData.Bar> bars, String note) {
        TlsTexts texts = new TlsTexts(i18n);
        long[] perBar = new long[bars.size()];
        for (long[] perTls : r.tlsPerBucket()) {
            for (int b = 0; b < perBar.length; b++) {
                perBar[b] += perTls[b];
            }
        }
        List<ChartData.Series> series = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            long[] counts = r.tlsPerBucket()[v.code()];
            String name = texts.label(v);
            double[] values = new double[bars.size()];
            for (int b = 0; b < values.length; b++) {
                values[b] = perBar[b] == 0 ? 0 : 100.0 * counts[b] / perBar[b];
            }
            List<String> tips = lazy(bars.size(), b -> tip(name, bars.get(b),
                    i18n.format("smtp.share", SmtpExports.percent(counts[b], perBar[b]), i18n.number(counts[b]))));
            series.add(new ChartData.Series(new Drill(Drill.Kind.TLS, v.name(), Set.of(), i18n.format("drill.tls", name)), name,
                    SeriesColours.tls(v), values, tips));
        }
        return new ChartData(title(i18n, "tls", r.filter().weekly()), note, bars, series, null);
    }

    private static ChartData auth(ReportData r, I18n i18n, List<ChartData.Bar> bars, String note) {
        List<ChartData.Series> series = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        for (AuthProtocol p : AuthProtocol.values()) {
            String name = protocol(i18n, p);
            long[] c = r.protocolPerBucket()[p.ordinal()];
            series.add(counted(new Drill(Drill.Kind.PROTOCOL, p.name(), Set.of(), i18n.format("drill.protocol", name)), name,
                    SeriesColours.protocol(p), c, bars, i18n));
            counts.add(c);
        }
        return new ChartData(title(i18n, "auth", r.filter().weekly()), note, bars, series,
                IntegerTicks.covering(IntegerTicks.stackedMax(counts)));
    }

    private static ChartData ips(ReportData r, I18n i18n, List<ChartData.Bar> bars, String note) {
        String messages = i18n.get("smtp.ips.messages");
        String failures = i18n.get("smtp.ips.failures");
        List<ChartData.Series> series = List.of(
                counted(new Drill(Drill.Kind.IP_MESSAGES, "", Set.of(), i18n.format("drill.ips", messages)), messages, "mf-ip-messages",
                        r.messagesPerBucket(), bars, i18n),
                counted(new Drill(Drill.Kind.IP_FAILURES, "", Set.of(), i18n.format("drill.ips", failures)), failures, "mf-ip-failures",
                        r.failuresPerBucket(), bars, i18n));
        long max = Math.max(IntegerTicks.stackedMax(List.of(r.messagesPerBucket())), IntegerTicks.stackedMax(List.of(r.failuresPerBucket())));
        return new ChartData(title(i18n, "ips", r.filter().weekly()), note, bars, series, IntegerTicks.covering(max));
    }

    private static ChartData.Series counted(Drill drill, String name, String colour, long[] counts, List<ChartData.Bar> bars, I18n i18n) {
        double[] values = new double[bars.size()];
        for (int b = 0; b < values.length; b++) {
            values[b] = counts[b];
        }
        return new ChartData.Series(drill, name, colour, values, lazy(bars.size(), b -> tip(name, bars.get(b), i18n.number(counts[b]))));
    }

    /**
     * Tooltips are written when one is shown, not for every bar of every pivot with each report (a
     * 90-day report has about 2 000 of them; formatting them all took most of building the charts).
     */
    private static List<String> lazy(int size, java.util.function.IntFunction<String> text) {
        return new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                java.util.Objects.checkIndex(index, size);
                return text.apply(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** "contoso.com", then "3 Nov – 9 Nov 2026 (partial: 3 of 7 days)", then the count. */
    private static String tip(String series, ChartData.Bar bar, String value) {
        return series + "\n" + bar.periodText() + "\n" + value;
    }

    /** The UI's name of a protocol: Basic, OAuth, Other, Not named. */
    static String protocol(I18n i18n, AuthProtocol p) {
        return i18n.get("smtp.protocol." + p.name().toLowerCase(Locale.ROOT));
    }
}
