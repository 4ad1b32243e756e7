package org.mailflow.ingest.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxSplitterTest {
    private static final String MBOX = "From a@x.example Thu Nov 12 08:30:00 2026\n"
            + "From: A@X.example\nX-Microsoft-Antispam: BCL:3;\n\n"
            + "body line\n>From the body, escaped\nFrom: not a header\n\n"
            + "From b@y.example Thu Nov 12 09:00:00 2026\n"
            + "From: b@y.example\nSubject: folded\n continued\n\nsecond body\n";

    private static List<MboxSplitter.Message> split(String text) throws Exception {
        MboxSplitter s = new MboxSplitter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<MboxSplitter.Message> out = new ArrayList<>();
        for (MboxSplitter.Message m = s.next(); m != null; m = s.next()) {
            out.add(m);
        }
        return out;
    }

    @Test
    void lfMboxIsSplitAtFromLinesWithEscapedBodyLinesKeptInside() throws Exception {
        List<MboxSplitter.Message> messages = split(MBOX);
        assertThat(messages).extracting(MboxSplitter.Message::lineNumber).containsExactly(1L, 9L);
        MessageHeaders first = MessageHeaders.parse(messages.get(0).headers());
        assertThat(first.fromAddress()).contains("a@x.example");
        assertThat(first.bcl()).hasValue(3);
        assertThat(first.all("From")).hasSize(1);
        assertThat(MessageHeaders.parse(messages.get(1).headers()).first("subject")).contains("folded continued");
    }

    @Test
    void crlfMboxIsSplitTheSameWay() throws Exception {
        List<MboxSplitter.Message> messages = split(MBOX.replace("\n", "\r\n"));
        assertThat(messages).extracting(MboxSplitter.Message::lineNumber).containsExactly(1L, 9L);
        assertThat(MessageHeaders.parse(messages.get(0).headers()).bcl()).hasValue(3);
        assertThat(MessageHeaders.parse(messages.get(1).headers()).fromAddress()).contains("b@y.example");
    }

    @Test
    void aHeaderSectionPastTheLimitIsCutAndWhereItWasCutIsTold() throws Exception {
        String big = "X-Junk: " + "y".repeat(MessageHeaders.MAX_HEADER_BYTES) + "\n";
        List<MboxSplitter.Message> messages = split("From a@x.example Thu Nov 12 08:30:00 2026\nFrom: a@x.example\n" + big
                + "Subject: after\n\nbody\n" + MBOX.substring(MBOX.indexOf("From b@")));
        assertThat(messages).extracting(MboxSplitter.Message::lineNumber).containsExactly(1L, 7L);
        assertThat(messages.get(0).cutAtLine()).isEqualTo(3);
        assertThat(messages.get(0).headers().length).isLessThanOrEqualTo(MessageHeaders.MAX_HEADER_BYTES);
        assertThat(messages.get(1).cutAtLine()).isZero();
        assertThat(MessageHeaders.parse(messages.get(1).headers()).fromAddress()).contains("b@y.example");
    }

    @Test
    void emptyInputHasNoMessages() throws Exception {
        assertThat(split("")).isEmpty();
        assertThat(split("junk before any separator\n")).isEmpty();
    }
}
