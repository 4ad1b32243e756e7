package org.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No message for the user is built as an English sentence (SPEC 6): the places that build one for
 * a failure — bad input, a bad row or log line, a file passed over, a policy or demo refusal, a usage
 * error of our own — take a {@link org.mailflow.model.UserText}, never a string literal. The source
 * is scanned: each such call, up to its closing {@code ;}, must hold no {@code "}.
 */
class UserFacingMessagesTest {
    /** Calls whose message reaches the user. */
    private static final List<String> CALLS = List.of(
            "new BadInputException(", "new BadRowException(", "new PolicyException(", "new DemoRefusedException(",
            "new CommandLine.ParameterException(", "new picocli.CommandLine.ParameterException(",
            "new picocli.CommandLine.TypeConversionException(", "FileResult.skipped(", "malformed(", "new Result(null,",
            "bad(lineNumber,", "bad(at,", "new NoFreeNameException(", "new GeoFileException(");

    @Test
    void noUserMessageIsAnEnglishLiteral() throws IOException {
        List<String> offenders = new ArrayList<>();
        int calls = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                for (String call : CALLS) {
                    for (int at = source.indexOf(call); at >= 0; at = source.indexOf(call, at + 1)) {
                        calls++;
                        int end = source.indexOf(';', at);
                        String statement = source.substring(at, end < 0 ? source.length() : end);
                        if (statement.contains("\"") && !literalsAreKeys(statement)) {
                            offenders.add(f + ": " + statement.lines().findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        assertThat(calls).as("the scan finds the calls it looks for").isGreaterThan(100);
        assertThat(offenders).isEmpty();
    }

    /**
     * True when every string literal in the statement is a bundle key or tokens: a key of
     * {@code UserText.of}, a column or option name, a list of them ({@code "bulk, smtp-auth"}) or a separator ({@code ", "}); no words.
     */
    private static boolean literalsAreKeys(String statement) {
        String[] parts = statement.split("\"", -1);
        for (int i = 1; i < parts.length; i += 2) {
            if (!parts[i].matches("[\\w.=@%-]*(, [\\w.=@-]+)*|[ ,]*")) {
                return false;
            }
        }
        return true;
    }
}
