package org.mailflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mailflow.cache.Cache;
import org.mailflow.demo.DemoGenerator;
import org.mailflow.demo.SmtpDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code demo [--seed N] [--scale small|large]}. */
@Command(name = "demo", description = {
    "Fill the cache with generated demo data (deterministic: the same seed gives the same data).",
    "small: 3 000 bulk senders over 120 days, and about 300 SMTP AUTH accounts in 3 domains over 120 days;",
    "large: 100 000 bulk senders and over 10 million messages in 60 days, and over 20 000 SMTP AUTH accounts in",
    "12 domains with over 10 million submissions in 180 days.",
    "A cache that holds imported data is refused; one that holds demo data is regenerated."})
public final class DemoCommand implements Callable<Integer> {
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
        boolean large = s == DemoGenerator.Scale.LARGE;
        if (large) {
            out.println("Generating 100,000 bulk senders with over 10 million messages, and 20,000 SMTP AUTH accounts with over "
                    + "10 million submissions; this takes about two minutes…");
            out.flush();
        }
        try (Cache cache = root.openCache()) {
            DemoGenerator.Result r = new DemoGenerator(seed, s).fill(cache, message -> {
                if (large) {
                    out.println("  " + message);
                    out.flush();
                }
            });
            out.printf("Demo data (seed %d, %s) written to %s in %.1f s: %,d senders, %,d bulk messages, %,d feedback events, "
                            + "%d allow/block entries, %d custom policies.%n",
                    seed, s.token(), cache.file(), (System.nanoTime() - start) / 1e9, r.senders(), r.messages(), r.events(),
                    r.allowBlockEntries(), r.policies());
            out.println(describe(r.smtp()));
            return ExitCodes.OK;
        } catch (DemoGenerator.DemoRefusedException e) {
            spec.commandLine().getErr().println("mailflow-insights: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** What the SMTP AUTH demo data holds, in one English line (also printed by the bench). */
    public static String describe(SmtpDemo.Result m) {
        return String.format(java.util.Locale.ROOT, "SMTP AUTH: %,d accounts in %d domains over %d days (%,d people, %,d printers, "
                        + "scanners and other devices, %,d service accounts; %,d with bare user names), %,d submissions (%,d with "
                        + "message-ids) in %,d detail rows, %,d failed authentications; %,d legacy-TLS senders, %d new senders, "
                        + "%d compromised-looking account%s.",
                m.accounts(), m.domains(), m.days(), m.people(), m.devices(), m.services(), m.bareUsers(), m.submissions(),
                m.withMessageId(), m.detailRows(), m.authFailures(), m.legacySenders(), m.newSenders(), m.compromised(),
                m.compromised() == 1 ? "" : "s");
    }
}
