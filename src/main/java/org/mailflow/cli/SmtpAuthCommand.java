package org.mailflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.CacheLocations;
import org.mailflow.cache.SmtpStore;
import org.mailflow.geo.GeoFiles;
import org.mailflow.model.DayWindow;
import org.mailflow.model.UserText;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.smtpauth.TlsVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code smtp-auth summary|export|report}: the SMTP AUTH clients report on the command line, as the page shows it. */
@Command(name = "smtp-auth", description = "SMTP AUTH clients report: the seven-day summary, the details tables, the detailed report.",
        subcommands = {SmtpAuthCommand.Summary.class, SmtpAuthCommand.Export.class, SmtpAuthCommand.Report.class},
        synopsisSubcommandLabel = "summary|export|report")
final class SmtpAuthCommand implements Runnable {
    /** The default window: the dashboard's and the report's seven days (SPEC 1). */
    static final int DEFAULT_DAYS = 7;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @ParentCommand
    MailflowCommand root;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.missingCommand", UserText.of("input.list.or", "summary, export", "report")).toString());
    }

    static LocalDate parseDate(CommandLine commandLine, String option, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(commandLine, UserText.of("cli.notADate", option, value).toString());
        }
    }

    /** The latest day with a submission, else today (UTC) for a cache without SMTP AUTH data. */
    static LocalDate latestDay(SmtpStore store) throws CacheException {
        return store.latestDay().orElse(LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * {@code --from} and {@code --to}. Both absent: the 7 days ending on the latest day with a
     * submission; only {@code --to}: the 7 days ending on it; only {@code --from}: from it to the
     * latest day (just that day when it is after the latest day).
     */
    static final class RangeOptions {
        @Spec(Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (default: 6 days before the last one).")
        String from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day (default: the latest day with a submission).")
        String to;

        private LocalDate first;
        private LocalDate last;

        /** Checks the options before anything is opened. */
        void validate() {
            CommandLine cl = spec.commandLine();
            first = from == null ? null : parseDate(cl, "--from", from);
            last = to == null ? null : parseDate(cl, "--to", to);
            if (first != null && last != null && last.isBefore(first)) {
                throw new CommandLine.ParameterException(cl, UserText.of("cli.smtp.toBeforeFrom", String.valueOf(last), String.valueOf(first)).toString());
            }
        }

        DayWindow window(SmtpStore store) throws CacheException {
            validate();
            if (first != null && last != null) {
                return new DayWindow(first, last);
            }
            if (last != null) {
                return DayWindow.endingOn(last, DEFAULT_DAYS);
            }
            LocalDate latest = latestDay(store);
            if (first != null) {
                return new DayWindow(first, latest.isBefore(first) ? first : latest);
            }
            return DayWindow.endingOn(latest, DEFAULT_DAYS);
        }
    }

    @Command(name = "summary", description = {"The Dashboard card's figures for the 7 days ending on the as-of day:",
        "'senders=N legacy_tls_senders=N messages=N', then messages per TLS version, one 'TOKEN=N' line each,",
        "then 'basic_auth_senders=N' and messages per authentication protocol, one 'auth_PROTOCOL=N' line each."})
    static final class Summary implements Callable<Integer> {
        @ParentCommand
        SmtpAuthCommand smtp;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Last day of the window (default: the latest day with a submission).")
        String asOf;

        @Override
        public Integer call() throws Exception {
            LocalDate end = asOf == null ? null : parseDate(spec.commandLine(), "--as-of", asOf);
            try (Cache cache = smtp.root.openExistingCache()) {
                SmtpStore store = new SmtpStore(cache);
                DayWindow window = DayWindow.endingOn(end != null ? end : latestDay(store), DEFAULT_DAYS);
                SmtpStore.Summary s = store.summary(window);
                PrintWriter out = spec.commandLine().getOut();
                out.println("senders=" + s.senders() + " legacy_tls_senders=" + s.legacySenders() + " messages=" + s.messages());
                for (TlsVersion tls : TlsVersion.values()) {
                    out.println(tls.token() + "=" + s.count(tls));
                }
                out.println("basic_auth_senders=" + s.basicSenders());
                for (AuthProtocol protocol : AuthProtocol.values()) {
                    out.println("auth_" + protocol.label() + "=" + s.count(protocol));
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "export", description = {"A details table of the report page as CSV, in its default order (most messages first):",
        "volume: Sender address, Domain, Messages sent; tls: the same with the share of each TLS version;",
        "auth: the shares of Basic, OAuth and other authentication, the auth methods and the last Basic use;",
        "ips: one row per client IP with its country, network, accounts, messages and failed authentications.",
        "Countries and networks come from the databases chosen in the app's Settings, else the bundled ones."})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        SmtpAuthCommand smtp;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--pivot", paramLabel = "volume|tls|auth|ips", required = true,
                description = "Sending volume, TLS usage, Authentication or Client IPs.")
        String pivot;

        @Mixin
        RangeOptions range;

        @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this sender domain (default: all sender domains).")
        String domain;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Optional<SmtpExports.Pivot> p = SmtpExports.Pivot.ofToken(pivot);
            if (p.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.unknownValue", "--pivot", pivot,
                        UserText.of("input.list.or", "volume, tls, auth", "ips")).toString());
            }
            range.validate();
            try (Cache cache = smtp.root.openExistingCache()) {
                SmtpStore store = new SmtpStore(cache);
                DayWindow window = range.window(store);
                SmtpDataset data = store.load(window);
                if (p.get() == SmtpExports.Pivot.IPS) {
                    data = data.locate(GeoFiles.lookup(CacheLocations.appHome().resolve("settings.properties")));
                }
                Optional<String> only = Optional.empty();
                if (domain != null) {
                    String key = domain.strip().toLowerCase(Locale.ROOT);
                    List<String> known = data.domainNames();
                    if (!known.contains(key)) {
                        throw new CommandLine.ParameterException(spec.commandLine(), known.isEmpty()
                                ? UserText.of("cli.smtp.noDomains", domain).toString()
                                : UserText.of("cli.smtp.unknownDomain", domain, String.join(", ", known)).toString());
                    }
                    only = Optional.of(key);
                }
                ReportData report = SmtpReport.compute(data, new ReportFilter(window, only));
                if (p.get() == SmtpExports.Pivot.IPS) {
                    BulkCommand.writeCsv(out, spec.commandLine(), w -> SmtpExports.writeIpTable(w, report.ips()));
                } else {
                    List<SenderTotals> rows = report.rows();
                    BulkCommand.writeCsv(out, spec.commandLine(), w -> SmtpExports.writeTable(w, p.get(), rows));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "report", description = {"The detailed report (Microsoft's SmtpCSReport columns) as CSV:",
        "date,senderName,senderDomain,authMethod,original_client_ip,tls_version,tls_cipher,message_count,message_id"})
    static final class Report implements Callable<Integer> {
        @ParentCommand
        SmtpAuthCommand smtp;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RangeOptions range;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            range.validate();
            try (Cache cache = smtp.root.openExistingCache()) {
                SmtpStore store = new SmtpStore(cache);
                DayWindow window = range.window(store);
                try {
                    BulkCommand.writeCsv(out, spec.commandLine(), w -> SmtpExports.writeReport(w, sink -> store.report(window, sink::row)));
                } catch (SmtpExports.ReportSourceException e) {
                    if (e.getCause() instanceof CacheException c) {
                        throw c;
                    }
                    throw e;
                }
                return ExitCodes.OK;
            }
        }
    }
}
