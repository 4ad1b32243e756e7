package org.mailflow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.bulk.HandComputedFixtures.inbox;
import static org.mailflow.bulk.HandComputedFixtures.window;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 3.5: search box (substring, case-insensitive) and the filter drop-down. */
class SenderQueryTest {
    private SimulationResult result;

    @BeforeEach
    void setUp() {
        // addresses are stored lower-case (the importer's job); C = N = 7, Q = 50
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int news = b.sender("news@shop.example");
        inbox(b, news, 0, 8, 1);
        b.admin(news, AdminSetting.ALLOW);        // 100, BCL 8 >= 7 -> FP
        int alerts = b.sender("alerts@bank.example");
        inbox(b, alerts, 0, 3, 1);
        b.admin(alerts, AdminSetting.BLOCK);      // 0, BCL 3 < 7 -> FN
        int promo = b.sender("promo@shop.example");
        inbox(b, promo, 0, 2, 1);
        b.admin(promo, AdminSetting.BLOCK);       // 0, BCL 2 < 7 -> FN
        int info = b.sender("info@shopping.test");
        inbox(b, info, 0, 6, 1);                  // 54, BCL 6: neither
        int zero = b.sender("zero@shop.example");
        inbox(b, zero, 0, 0, 1);                  // BCL 0 only: never in the table
        result = BulkSimulation.run(b.build(), new SimulationParams(7, 7, 50));
    }

    private List<String> select(SenderQuery q) {
        return Arrays.stream(BulkExports.select(result, q)).mapToObj(result.dataset()::address).toList();
    }

    @ParameterizedTest(name = "search \"{0}\"")
    @CsvSource(value = {
            "SHOP          | news@shop.example;promo@shop.example;info@shopping.test",
            "Shop.Example  | news@shop.example;promo@shop.example",
            "@BANK.        | alerts@bank.example",
            "PING.t        | info@shopping.test",
            "nomatch       | ''",
    }, delimiter = '|')
    void searchIsACaseInsensitiveSubstringOfTheAddress(String search, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(";"));
        assertThat(select(new SenderQuery(Optional.empty(), search))).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void emptySearchAndAllSendersShowEveryTableSender() {
        assertThat(select(SenderQuery.ALL)).containsExactlyInAnyOrder(
                "news@shop.example", "alerts@bank.example", "promo@shop.example", "info@shopping.test");
        assertThat(select(new SenderQuery(Optional.empty(), ""))).hasSize(4);
    }

    @Test
    void filterByFlagShowsOnlyRowsWhereItIsTrue() {
        assertThat(select(new SenderQuery(Optional.of(SenderFlag.POTENTIAL_FALSE_NEGATIVE), "")))
                .containsExactlyInAnyOrder("alerts@bank.example", "promo@shop.example");
        assertThat(select(new SenderQuery(Optional.of(SenderFlag.POTENTIAL_FALSE_POSITIVE), "")))
                .containsExactly("news@shop.example");
    }

    @Test
    void filterAndSearchCombine() {
        assertThat(select(new SenderQuery(Optional.of(SenderFlag.POTENTIAL_FALSE_NEGATIVE), "SHOP")))
                .containsExactly("promo@shop.example");
        assertThat(select(new SenderQuery(Optional.of(SenderFlag.POTENTIAL_FALSE_POSITIVE), "bank"))).isEmpty();
    }

    @Test
    void matchesAgreesWithSelectForEachSender() {
        BulkDataset d = result.dataset();
        SenderQuery q = new SenderQuery(Optional.empty(), "ShOp");
        assertThat(q.matches(result, d.indexOf("promo@shop.example").orElseThrow())).isTrue();
        assertThat(q.matches(result, d.indexOf("alerts@bank.example").orElseThrow())).isFalse();
    }
}
