package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.fails;
import static org.mailflow.ingest.ImportTestKit.load;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.bulk.AdminSetting;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.AllowBlockStore;
import org.mailflow.cache.PolicyStore;

/** SPEC 5 `policies` and `allow-block` CSVs, SPEC 3.1 built-in policies. */
class ImportPoliciesAndAllowBlockTest extends WithCache {

    private List<Policy> custom() throws Exception {
        return new PolicyStore(cache).all().stream().filter(p -> !p.builtIn()).toList();
    }

    @Test
    void policiesAreImportedBesideTheBuiltIns() throws Exception {
        Path f = write(dir, "policies.csv", "name,bulk_threshold\nMarketing,4\n\"Sales, EMEA\",9\nLenient,1\n");

        assertThat(run(cache, f).rows()).isEqualTo(3);

        List<Policy> all = new PolicyStore(cache).all();
        assertThat(all.subList(0, 3)).containsExactlyElementsOf(Policy.BUILT_IN);
        assertThat(custom()).extracting(Policy::name, Policy::threshold).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Marketing", 4),
                org.assertj.core.groups.Tuple.tuple("Sales, EMEA", 9),
                org.assertj.core.groups.Tuple.tuple("Lenient", 1));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Default,3              | built-in
            default,3              | built-in
            STANDARD PRESET,3      | built-in
            Strict preset,9        | built-in
            Marketing,0            | bulk_threshold "0" is not a whole number from 1 to 9
            Marketing,10           | bulk_threshold "10" is not a whole number from 1 to 9
            Marketing,-1           | bulk_threshold "-1"
            Marketing,high         | bulk_threshold "high"
            Marketing,             | bulk_threshold ""
            ,5                     | empty
            """)
    void badPolicyRowFailsWithLineAndReason(String badRow, String reason) throws Exception {
        Path f = write(dir, "policies.csv", "name,bulk_threshold\nGood one,4\n" + badRow + "\n");

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains(reason);
        assertThat(custom()).isEmpty();
        assertThat(new PolicyStore(cache).find("Default")).get().extracting(Policy::threshold).isEqualTo(7);
    }

    @Test
    void builtInPolicyRowIsSkippedWithSkipBadRowsAndBuiltInsStayAsTheyAre() throws Exception {
        Path f = write(dir, "policies.csv", "name,bulk_threshold\nDefault,3\nMarketing,4\nStrict preset,10\n");

        ImportSummary s = ImportTestKit.run(cache, true, f);

        assertThat(s.rows()).isEqualTo(1);
        assertThat(s.files().get(0).badRows()).extracting(ImportSummary.BadRow::line).containsExactly(2L, 4L);
        assertThat(new PolicyStore(cache).all().subList(0, 3)).containsExactlyElementsOf(Policy.BUILT_IN);
        assertThat(custom()).extracting(Policy::name).containsExactly("Marketing");
    }

    @Test
    void laterPolicyRowReplacesAnEarlierOneOfTheSameNameAnyCase() throws Exception {
        Path f = write(dir, "policies.csv", "name,bulk_threshold\nMarketing,4\nMARKETING,6\n");
        run(cache, f);
        assertThat(custom()).extracting(Policy::threshold).containsExactly(6);

        run(cache, write(dir, "later.csv", "name,bulk_threshold\nmarketing,2\n"));
        assertThat(custom()).singleElement().extracting(Policy::threshold).isEqualTo(2);
    }

    @Test
    void allowBlockEntriesAreLowerCasedAndTrimmedAndTheLaterEntryInAFileWins() throws Exception {
        Path f = write(dir, "ab.csv", "sender,action\n"
                + "News@X.example,allow\n"
                + "  news@x.example ,block\n"
                + "@Shop.Example,ALLOW\n"
                + "other@y.example, Block \n");

        assertThat(run(cache, f).rows()).isEqualTo(4);

        Map<String, AdminSetting> all = new AllowBlockStore(cache).all();
        assertThat(all).containsOnly(
                Map.entry("news@x.example", AdminSetting.BLOCK),
                Map.entry("shop.example", AdminSetting.ALLOW),
                Map.entry("other@y.example", AdminSetting.BLOCK));
    }

    @Test
    void laterImportReplacesAnEarlierAllowBlockEntry() throws Exception {
        run(cache, write(dir, "first.csv", "sender,action\nnews@x.example,allow\nkeep@x.example,block\n"));
        run(cache, write(dir, "second.csv", "sender,action\nNEWS@x.example,block\n"));

        assertThat(new AllowBlockStore(cache).all()).containsOnly(
                Map.entry("news@x.example", AdminSetting.BLOCK),
                Map.entry("keep@x.example", AdminSetting.BLOCK));

        run(cache, write(dir, "third.csv", "sender,action\n news@x.example,allow\n"));
        assertThat(new AllowBlockStore(cache).all()).containsEntry("news@x.example", AdminSetting.ALLOW);
    }

    @Test
    void allowBlockSettingReachesTheBulkSendersWhateverTheCase() throws Exception {
        run(cache,
                write(dir, "bulk.csv", "timestamp,sender,bcl,delivery\n"
                        + "2026-11-12T08:00:00Z,News@Shop.example,6,junk\n"
                        + "2026-11-12T08:00:00Z,deals@shop.example,6,junk\n"
                        + "2026-11-12T08:00:00Z,x@other.example,6,junk\n"),
                write(dir, "ab.csv", "sender,action\nNEWS@shop.example,allow\n@SHOP.example,block\n"));

        BulkDataset d = load(cache);
        assertThat(d.admin(d.indexOf("news@shop.example").orElseThrow())).isEqualTo(AdminSetting.ALLOW);
        assertThat(d.admin(d.indexOf("deals@shop.example").orElseThrow())).as("domain entry").isEqualTo(AdminSetting.BLOCK);
        assertThat(d.admin(d.indexOf("x@other.example").orElseThrow())).isEqualTo(AdminSetting.NONE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            news@x.example,permit     | action "permit" is unknown; expected allow or block
            news@x.example,           | action "" is unknown
            ,allow                    | sender is empty
            news@x.example            | expected 2 columns as in the header, found 1
            """)
    void badAllowBlockRowFailsAndKeepsTheEarlierEntries(String badRow, String reason) throws Exception {
        run(cache, write(dir, "first.csv", "sender,action\nnews@x.example,allow\n"));

        BadInputException e = fails(cache, write(dir, "bad.csv", "sender,action\nnews@x.example,block\n" + badRow + "\n"));

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains(reason);
        assertThat(new AllowBlockStore(cache).all()).containsOnly(Map.entry("news@x.example", AdminSetting.ALLOW));
    }
}
