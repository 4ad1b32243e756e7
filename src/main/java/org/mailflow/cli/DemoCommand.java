package org.mailflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mailflow.cache.Cache;
import org.mailflow.demo.DemoGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code demo [--seed N] [--scale small|large]}. */
@Command(name = "demo", description = {
    "Fill the cache with generated demo data (deterministic: the same seed gives the same data).",
    "small: 3 000 bulk senders over 120 days; large: 100 000 bulk senders and over 10 million messages in 60 days.",
    "A cache that holds imported data is refused; one that holds demo data is regenerated."})
final class DemoCommand implements Callable<Integer> {
    enum ScaleOption { small, large }

    @ParentCommand
    MailflowCommand root;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", paramLabel = "small|large", defaultValue = "small", description = "Amount of data (default: ${DEFAULT-VALUE}).")
    ScaleOption scale;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DemoGenerator.Scale s = scale == ScaleOption.large ? DemoGenerator.Scale.LARGE : DemoGenerator.Scale.SMALL;
        long start = System.nanoTime();
        if (s == DemoGenerator.Scale.LARGE) {
            out.println("Generating 100,000 bulk senders and over 10 million messages; this takes about half a minute…");
            out.flush();
        }
        try (Cache cache = root.openCache()) {
            DemoGenerator.Result r = new DemoGenerator(seed, s).fill(cache);
            out.printf("Demo data (seed %d, %s) written to %s in %.1f s: %,d senders, %,d bulk messages, %,d feedback events, "
                            + "%d allow/block entries, %d custom policies.%n",
                    seed, s.token(), cache.file(), (System.nanoTime() - start) / 1e9, r.senders(), r.messages(), r.events(),
                    r.allowBlockEntries(), r.policies());
            return ExitCodes.OK;
        } catch (DemoGenerator.DemoRefusedException e) {
            spec.commandLine().getErr().println("mailflow-insights: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
