package org.mailflow.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.export.SafeCsv;

/**
 * The two Bulk sender insights CSVs, written by the page's Export buttons and by the {@code bulk}
 * commands alike, so that both produce the same bytes. Column names are the exact English names of
 * SPEC 3.2 and 3.5 in every UI language, so files stay machine-readable.
 */
public final class BulkExports {
    public static final String SENDERS_FILE_NAME = "Bulk sender insights";
    public static final String BCL_TABLE_FILE_NAME = "Bulk complaint levels";

    public static final List<String> BCL_TABLE_COLUMNS = List.of("BCL", "All email",
            "Delivered at current threshold", "Identified at current threshold",
            "Delivered at new threshold", "Identified at new threshold");

    public static final String COLUMN_SENDER = "Sender";
    public static final String COLUMN_BCL = "BCL";
    public static final String COLUMN_QUALITY = "Sender quality";

    private BulkExports() {
    }

    /** The sender table's columns at this relation: the three fixed ones, then the two conditional ones. */
    public static List<String> senderColumns(Relation relation) {
        List<String> columns = new ArrayList<>(List.of(COLUMN_SENDER, COLUMN_BCL, COLUMN_QUALITY));
        relation.columns().forEach(f -> columns.add(f.column()));
        return columns;
    }

    /** Writes rows BCL 1-9 of the table. */
    public static void writeBclTable(Appendable out, BclTable table) throws IOException {
        SafeCsv csv = new SafeCsv(out, BCL_TABLE_COLUMNS);
        for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
            csv.row(Integer.toString(b), Long.toString(table.all(b)),
                    Long.toString(table.deliveredAtCurrent(b)), Long.toString(table.identifiedAtCurrent(b)),
                    Long.toString(table.deliveredAtNew(b)), Long.toString(table.identifiedAtNew(b)));
        }
        csv.flush();
    }

    /** Writes the given senders (dataset indexes) in the given order, with the relation's columns. */
    public static void writeSenders(Appendable out, SimulationResult result, int[] senders) throws IOException {
        Relation relation = result.relation();
        BulkDataset d = result.dataset();
        SafeCsv csv = new SafeCsv(out, senderColumns(relation));
        List<String> cells = new ArrayList<>(5);
        for (int s : senders) {
            cells.clear();
            cells.add(d.address(s));
            cells.add(Integer.toString(d.maxBcl(s)));
            cells.add(Integer.toString(d.quality(s)));
            for (SenderFlag f : relation.columns()) {
                cells.add(SafeCsv.bool(result.has(s, f)));
            }
            csv.row(cells);
        }
        csv.flush();
    }

    /** The senders the sender table shows for {@code query}, in its default order. */
    public static int[] select(SimulationResult result, SenderQuery query) {
        BulkDataset d = result.dataset();
        int[] out = new int[d.tableSize()];
        int n = 0;
        for (int k = 0; k < d.tableSize(); k++) {
            int s = d.tableSender(k);
            if (query.matches(result, s)) {
                out[n++] = s;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
