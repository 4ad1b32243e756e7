package org.mailflow.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mailflow.cache.SourceStore;
import org.mailflow.ingest.StreamedLog;

/**
 * The log contents earlier runs read, kept in the output folder as one hidden file per run
 * ({@code .fleet-manifest-RUN.tsv}: the desktop's folder import passes over hidden files). Each line
 * is one content's fingerprint, as the cache's {@code source} table keeps it, so a run recognises a
 * log read before exactly as an import does ({@link StreamedLog#read}): the same content (even
 * renamed by a rotation) is passed over, a grown one contributes only its new lines.
 *
 * <p>Columns, tab-separated, no header: content SHA-256, length, head hash, prefix key ({@code -}
 * for none), line feeds, format, run, file.
 */
final class Manifest implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String PREFIX = ".fleet-manifest-";
    static final String SUFFIX = ".tsv";

    /** One content read by a run. */
    record Entry(String contentHash, long length, String headHash, String prefixKey, long lineCount, String format, String run,
                 String file) implements Serializable {
        String line() {
            return String.join("\t", contentHash, Long.toString(length), headHash, prefixKey == null ? "-" : prefixKey,
                    Long.toString(lineCount), format, run, file.replace('\t', ' ').replace('\n', ' '));
        }

        static Entry parse(String line) {
            String[] f = line.split("\t", 8);
            if (f.length != 8) {
                throw new IllegalArgumentException("expected 8 tab-separated fields, found " + f.length);
            }
            return new Entry(f[0], Long.parseLong(f[1]), f[2], f[3].equals("-") ? null : f[3], Long.parseLong(f[4]), f[5], f[6], f[7]);
        }

        static Entry of(StreamedLog.Fingerprint p, String format, String run, String file) {
            return new Entry(p.contentHash(), p.length(), p.headHash(), p.prefixKey(), p.lineCount(), format, run, file);
        }

        SourceStore.Source source(long id) {
            return new SourceStore.Source(id, contentHash, length, headHash, lineCount, format, file, 0, Instant.EPOCH);
        }
    }

    private final List<Entry> entries;
    /** Built on first use in each executor, by whichever of its tasks comes first. */
    private transient volatile Map<String, List<Integer>> byHead;
    private transient volatile Map<String, List<Integer>> byKey;

    Manifest(List<Entry> entries) {
        this.entries = new ArrayList<>(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** Run ids that have a manifest in {@code out}. */
    static Set<String> runs(FileSystem fs, Path out) throws IOException {
        Set<String> runs = new HashSet<>();
        if (!fs.exists(out)) {
            return runs;
        }
        for (FileStatus s : fs.listStatus(out)) {
            String n = s.getPath().getName();
            if (s.isFile() && n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
                runs.add(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
            }
        }
        return runs;
    }

    /** Every entry of every run's manifest in {@code out}. */
    static Manifest read(FileSystem fs, Path out) throws IOException {
        List<Entry> all = new ArrayList<>();
        for (String run : runs(fs, out)) {
            Path p = new Path(out, PREFIX + run + SUFFIX);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
                long n = 0;
                for (String line; (line = r.readLine()) != null; ) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        all.add(Entry.parse(line));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(p + ", line " + n + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return new Manifest(all);
    }

    /** Writes {@code entries} as run {@code run}'s manifest: to a hidden temporary file first, renamed when complete. */
    static void write(FileSystem fs, Path out, String run, List<Entry> entries) throws IOException {
        Path done = new Path(out, PREFIX + run + SUFFIX);
        Path part = new Path(out, PREFIX + run + SUFFIX + ".part");
        try (Writer w = new java.io.OutputStreamWriter(fs.create(part, true), StandardCharsets.UTF_8)) {
            for (Entry e : entries) {
                w.write(e.line());
                w.write('\n');
            }
        }
        if (!fs.rename(part, done)) {
            throw new IOException("cannot rename " + part + " to " + done);
        }
    }

    /**
     * A look-up of the contents read before, for {@link StreamedLog#read}: those of the manifest and
     * those {@code added} since (by the same task), as {@link SourceStore#candidates} finds them in a
     * cache: long ones by their head hash, short ones by their prefix key, never longer than the content.
     */
    StreamedLog.Earlier lookup(List<Entry> added) {
        return (headHash, prefixKeys, length) -> {
            index();
            List<SourceStore.Source> out = new ArrayList<>();
            Set<String> keys = new HashSet<>(prefixKeys);
            for (int i : byHead.getOrDefault(headHash, List.of())) {
                Entry e = entries.get(i);
                if (e.length() >= SourceStore.HEAD_BYTES && e.length() <= length) {
                    out.add(e.source(i));
                }
            }
            for (String k : keys) {
                for (int i : byKey.getOrDefault(k, List.of())) {
                    Entry e = entries.get(i);
                    if (e.length() <= length) {
                        out.add(e.source(i));
                    }
                }
            }
            for (int j = 0; j < added.size(); j++) {
                Entry e = added.get(j);
                boolean candidate = e.length() >= SourceStore.HEAD_BYTES ? e.headHash().equals(headHash)
                        : e.prefixKey() != null && keys.contains(e.prefixKey());
                if (candidate && e.length() <= length) {
                    out.add(e.source(entries.size() + j));
                }
            }
            out.sort(Comparator.comparingLong(SourceStore.Source::length));
            return out;
        };
    }

    private synchronized void index() {
        if (byHead != null) {
            return;
        }
        Map<String, List<Integer>> head = new HashMap<>();
        Map<String, List<Integer>> key = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            head.computeIfAbsent(e.headHash(), k -> new ArrayList<>()).add(i);
            if (e.prefixKey() != null) {
                key.computeIfAbsent(e.prefixKey(), k -> new ArrayList<>()).add(i);
            }
        }
        byKey = key;
        byHead = head;
    }
}
