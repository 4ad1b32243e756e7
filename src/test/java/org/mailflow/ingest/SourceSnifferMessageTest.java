package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailflow.cache.SourceStore;

/** Message files are recognised also when their lines end in a lone CR, or their first header fills the whole head. */
class SourceSnifferMessageTest {
    private static Optional<ImportFormat> sniff(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return SourceSniffer.sniff(b, b.length);
    }

    /** The head the importer reads of a file whose first line is {@code start} and much more, without a line end. */
    private static String fullHeadOf(String start) {
        return start + "A".repeat(SourceStore.HEAD_BYTES - start.length());
    }

    @Test
    void aMessageWhoseLinesEndInALoneCrIsAMessage() {
        assertThat(sniff("Return-Path: <a@x.example>\rFrom: a@x.example\rDate: Thu, 12 Nov 2026 08:30:00 +0000\r\rbody\r"))
                .contains(ImportFormat.MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Spam-Payload: ", "From: ", "Received:", "DKIM-Signature: v=1; b="})
    void aHeadThatIsOneHeaderFieldWithoutALineEndIsAMessage(String start) {
        assertThat(sniff(fullHeadOf(start))).contains(ImportFormat.MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-12T08:30:00Z mx1 postfix/smtpd[1]: ", "timestamp,sender:x,bcl,", "{\"json\": ", "X Spam: ",
        "-x: ", ": "})
    void aHeadWithoutALineEndThatDoesNotStartWithAFieldNameIsNotAMessage(String start) {
        assertThat(sniff(fullHeadOf(start))).isNotEqualTo(Optional.of(ImportFormat.MESSAGE));
    }

    @Test
    void aShortFileOfOneHeaderLineIsNotAMessage() {
        assertThat(sniff("Subject: hello")).isEmpty();
    }
}
