package org.mailflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mailflow.cache.Cache;
import org.mailflow.demo.DemoGenerator;
import org.mailflow.demo.SmtpDemo;
import org.mailflow.model.UserText;
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
            out.println(UserText.of("cli.demo.large"));
            out.flush();
        }
        try (Cache cache = root.openCache()) {
            DemoGenerator.Result r = new DemoGenerator(seed, s).fill(cache, message -> {
                if (large) {
                    out.println("  " + message);
                    out.flush();
                }
            });
            out.println(UserText.of("cli.demo.written", seed, s.token(), String.valueOf(cache.file()), (System.nanoTime() - start) / 1e9,
                    UserText.of("cli.demo.bulk", r.senders(), r.messages(), r.events(), r.allowBlockEntries(), r.policies())));
            out.println(describe(r.smtp()));
            return ExitCodes.OK;
        } catch (DemoGenerator.DemoRefusedException e) {
            org.slf4j.LoggerFactory.getLogger(DemoCommand.class).warn("demo refused: {}", e.getMessage());
            spec.commandLine().getErr().println("mailflow-insights: " + e.userText());
            return ExitCodes.USAGE;
        }
    }

    /** What the SMTP AUTH demo data holds, in one line (also printed by the bench). */
    public static String describe(SmtpDemo.Result m) {
        return UserText.of("cli.demo.smtp", m.accounts(), m.domains(), m.days(), m.people(), m.devices(), m.services(), m.bareUsers(),
                UserText.of("cli.demo.smtpMore", m.submissions(), m.withMessageId(), m.detailRows(), m.authFailures(), m.legacySenders(),
                        m.newSenders(), m.compromised())).toString();
    }
}
