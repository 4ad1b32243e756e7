package org.mailflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.BulkExports;
import org.mailflow.bulk.BulkSimulation;
import org.mailflow.bulk.Policy;
import org.mailflow.bulk.SenderDetails;
import org.mailflow.bulk.SenderFlag;
import org.mailflow.bulk.SenderQuery;
import org.mailflow.bulk.SimulationParams;
import org.mailflow.bulk.SimulationResult;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.PolicyStore;
import org.mailflow.export.ExportFiles;
import org.mailflow.model.DayWindow;
import org.mailflow.model.UserText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bulk table|senders|sender}: Bulk sender insights on the command line, as the page shows it. */
@Command(name = "bulk", description = "Bulk sender insights: the BCL table, the sender table, one sender.",
        subcommands = {BulkCommand.Table.class, BulkCommand.Senders.class, BulkCommand.Sender.class},
        synopsisSubcommandLabel = "table|senders|sender")
final class BulkCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @ParentCommand
    MailflowCommand root;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.missingCommand", UserText.of("input.list.or", "table, senders", "sender")).toString());
    }

    /** {@code --days} and {@code --as-of}. */
    static final class WindowOptions {
        @Spec(Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--days", paramLabel = "N", defaultValue = "60", description = "Days in the window, ending on the as-of day (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "Last day of the window (default: the latest day with bulk data).")
        String asOf;

        private LocalDate end;

        /** Checks the options before anything is opened. */
        void validate() {
            if (days < 1 || days > 366) {
                throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.range", "--days", 1, 366, days).toString());
            }
            if (asOf != null) {
                try {
                    end = LocalDate.parse(asOf.strip());
                } catch (DateTimeParseException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.notADate", "--as-of", asOf).toString());
                }
            }
        }

        DayWindow window(BulkStore store) throws CacheException {
            validate();
            LocalDate last = end != null ? end : store.latestDay().orElse(LocalDate.now(ZoneOffset.UTC));
            return DayWindow.endingOn(last, days);
        }
    }

    /** {@code --policy NAME | --current C} and {@code --new N}. */
    static final class ThresholdOptions {
        @Spec(Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--policy", paramLabel = "NAME", description = "The policy whose threshold is the current one (default: Default, 7).")
        String policy;

        @Option(names = "--current", paramLabel = "C", description = "The current bulk threshold, 1-9, instead of a policy's.")
        Integer current;

        @Option(names = "--new", paramLabel = "N", description = "The new bulk threshold to simulate, 1-9 (default: the current one).")
        Integer newThreshold;

        /** Checks the options before anything is opened. */
        void validate() {
            if (policy != null && current != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bulk.policyOrCurrent").toString());
            }
            if (current != null) {
                checkThreshold("--current", current);
            }
            if (newThreshold != null) {
                checkThreshold("--new", newThreshold);
            }
        }

        int current(Cache cache) throws CacheException {
            validate();
            if (current != null) {
                return current;
            }
            if (policy != null) {
                Optional<Policy> p = new PolicyStore(cache).find(policy);
                if (p.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bulk.unknownPolicy", policy,
                            String.join(", ", new PolicyStore(cache).all().stream().map(Policy::name).toList())).toString());
                }
                return p.get().threshold();
            }
            return Policy.DEFAULT.threshold();
        }

        int newThreshold(int currentValue) {
            if (newThreshold == null) {
                return currentValue;
            }
            checkThreshold("--new", newThreshold);
            return newThreshold;
        }

        private void checkThreshold(String option, int value) {
            if (value < Policy.MIN_THRESHOLD || value > Policy.MAX_THRESHOLD) {
                throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.range", option, 1, 9, value).toString());
            }
        }
    }

    /** Writes CSV to {@code --out} (replacing it) or to standard output, in UTF-8. */
    static void writeCsv(Path out, CommandLine commandLine, ExportFiles.Content content) throws IOException {
        if (out == null) {
            Writer w = commandLine.getOut();
            content.writeTo(w);
            w.flush();
        } else {
            ExportFiles.write(out, content);
        }
    }

    @Command(name = "table", description = "The BCL table as CSV: messages per BCL delivered and identified at the current and the new threshold.")
    static final class Table implements Callable<Integer> {
        @ParentCommand
        BulkCommand bulk;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ThresholdOptions thresholds;

        @Mixin
        WindowOptions windowOptions;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            thresholds.validate();
            windowOptions.validate();
            try (Cache cache = bulk.root.openExistingCache()) {
                int c = thresholds.current(cache);
                int n = thresholds.newThreshold(c);
                BulkStore store = new BulkStore(cache);
                BulkDataset data = store.load(windowOptions.window(store));
                SimulationResult r = BulkSimulation.run(data, new SimulationParams(c, n, SimulationParams.DEFAULT_QUALITY));
                writeCsv(out, spec.commandLine(), w -> BulkExports.writeBclTable(w, r.table()));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "senders", description = "The sender table as CSV: sender, highest BCL, quality and the two columns that the thresholds call for.")
    static final class Senders implements Callable<Integer> {
        @ParentCommand
        BulkCommand bulk;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ThresholdOptions thresholds;

        @Mixin
        WindowOptions windowOptions;

        @Option(names = "--quality", paramLabel = "Q", defaultValue = "50", description = "Sender quality threshold, 0-100 (default: ${DEFAULT-VALUE}).")
        int quality;

        @Option(names = "--filter", paramLabel = "F", defaultValue = "all",
                description = "all, potential-fp, potential-fn, newly-blocked or newly-allowed (only those shown at the thresholds).")
        String filter;

        @Option(names = "--search", paramLabel = "TEXT", description = "Only senders whose address contains TEXT (case-insensitive).")
        String search;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (quality < SimulationParams.MIN_QUALITY || quality > SimulationParams.MAX_QUALITY) {
                throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.range", "--quality", 0, 100, quality).toString());
            }
            Optional<SenderFlag> flag = Optional.empty();
            if (!"all".equals(filter)) {
                flag = SenderFlag.ofToken(filter);
                if (flag.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.unknownValue", "--filter", filter,
                            UserText.of("input.list.or", "all, potential-fp, potential-fn, newly-blocked", "newly-allowed")).toString());
                }
            }
            thresholds.validate();
            windowOptions.validate();
            try (Cache cache = bulk.root.openExistingCache()) {
                int c = thresholds.current(cache);
                int n = thresholds.newThreshold(c);
                SimulationParams params = new SimulationParams(c, n, quality);
                SenderQuery query = new SenderQuery(flag, search);
                if (!query.filterShownAt(params.relation())) {
                    throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bulk.filterColumn", filter, c, n,
                            both(params.relation().columns().stream().map(SenderFlag::token).toList())).toString());
                }
                BulkStore store = new BulkStore(cache);
                BulkDataset data = store.load(windowOptions.window(store));
                SimulationResult r = BulkSimulation.run(data, params);
                int[] rows = BulkExports.select(r, query);
                writeCsv(out, spec.commandLine(), w -> BulkExports.writeSenders(w, r, rows));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "sender", description = "One sender's details, as the app's sender panel shows them, as 'Field: value' lines.")
    static final class Sender implements Callable<Integer> {
        @ParentCommand
        BulkCommand bulk;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        WindowOptions windowOptions;

        @Parameters(paramLabel = "ADDRESS", description = "The sender's address (any case).")
        String address;

        @Override
        public Integer call() throws Exception {
            windowOptions.validate();
            try (Cache cache = bulk.root.openExistingCache()) {
                BulkStore store = new BulkStore(cache);
                DayWindow window = windowOptions.window(store);
                BulkDataset data = store.load(window);
                String key = BulkStore.Writer.normalise(address);
                Optional<Integer> index = data.indexOf(key);
                if (index.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), UserText.of("cli.bulk.noSender", key,
                            window.label(UserText.supported(java.util.Locale.getDefault())), window.days()).toString());
                }
                SenderDetails details = new SenderDetails(data, index.get());
                PrintWriter out = spec.commandLine().getOut();
                for (SenderDetails.Field f : SenderDetails.Field.values()) {
                    // shown, not data for a program: the sender's own text escaped even into a file (TerminalText)
                    out.println(f.label() + ": " + org.mailflow.model.TerminalText.escape(details.value(f)));
                }
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    /** The columns joined by "and" in the reader's language: {@code potential-fp and potential-fn}. */
    static UserText both(List<String> items) {
        UserText all = UserText.of("input.bad.plain", items.get(0));
        for (String item : items.subList(1, items.size())) {
            all = UserText.of("cli.list.and", all, item);
        }
        return all;
    }
}
