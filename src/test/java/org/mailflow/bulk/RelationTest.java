package org.mailflow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.bulk.SenderFlag.NEWLY_ALLOWED;
import static org.mailflow.bulk.SenderFlag.NEWLY_BLOCKED;
import static org.mailflow.bulk.SenderFlag.POTENTIAL_FALSE_NEGATIVE;
import static org.mailflow.bulk.SenderFlag.POTENTIAL_FALSE_POSITIVE;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 3.5: the conditional columns and their order for N = C, N &lt; C, N &gt; C. */
class RelationTest {

    @ParameterizedTest(name = "C={0} N={1} -> {2}")
    @CsvSource({
            "7, 7, SAME", "1, 1, SAME", "9, 9, SAME",
            "7, 6, LOWER", "9, 1, LOWER", "2, 1, LOWER",
            "7, 8, HIGHER", "1, 9, HIGHER", "8, 9, HIGHER",
    })
    void relationComparesNewThresholdWithCurrent(int c, int n, Relation expected) {
        assertThat(Relation.of(c, n)).isEqualTo(expected);
        assertThat(new SimulationParams(c, n, 50).relation()).isEqualTo(expected);
    }

    @Test
    void sameThresholdShowsPotentialFalsePositiveThenPotentialFalseNegative() {
        assertThat(Relation.SAME.columns()).containsExactly(POTENTIAL_FALSE_POSITIVE, POTENTIAL_FALSE_NEGATIVE);
        assertThat(BulkExports.senderColumns(Relation.SAME)).containsExactly(
                "Sender", "BCL", "Sender quality", "Potential false positive", "Potential false negative");
    }

    @Test
    void lowerNewThresholdShowsNewlyBlockedSenderThenPotentialFalsePositive() {
        assertThat(Relation.LOWER.columns()).containsExactly(NEWLY_BLOCKED, POTENTIAL_FALSE_POSITIVE);
        assertThat(BulkExports.senderColumns(Relation.LOWER)).containsExactly(
                "Sender", "BCL", "Sender quality", "Newly blocked sender", "Potential false positive");
    }

    @Test
    void higherNewThresholdShowsNewlyAllowedSenderThenPotentialFalseNegative() {
        assertThat(Relation.HIGHER.columns()).containsExactly(NEWLY_ALLOWED, POTENTIAL_FALSE_NEGATIVE);
        assertThat(BulkExports.senderColumns(Relation.HIGHER)).containsExactly(
                "Sender", "BCL", "Sender quality", "Newly allowed sender", "Potential false negative");
    }

    @Test
    void flagColumnNamesAreExactlyThoseOfTheSpec() {
        assertThat(POTENTIAL_FALSE_POSITIVE.column()).isEqualTo("Potential false positive");
        assertThat(POTENTIAL_FALSE_NEGATIVE.column()).isEqualTo("Potential false negative");
        assertThat(NEWLY_BLOCKED.column()).isEqualTo("Newly blocked sender");
        assertThat(NEWLY_ALLOWED.column()).isEqualTo("Newly allowed sender");
    }

    @ParameterizedTest(name = "{0} offered at {1}: {2}")
    @CsvSource({
            "POTENTIAL_FALSE_POSITIVE, SAME, true",
            "POTENTIAL_FALSE_NEGATIVE, SAME, true",
            "NEWLY_BLOCKED,            SAME, false",
            "NEWLY_ALLOWED,            SAME, false",
            "NEWLY_BLOCKED,            LOWER, true",
            "POTENTIAL_FALSE_POSITIVE, LOWER, true",
            "POTENTIAL_FALSE_NEGATIVE, LOWER, false",
            "NEWLY_ALLOWED,            LOWER, false",
            "NEWLY_ALLOWED,            HIGHER, true",
            "POTENTIAL_FALSE_NEGATIVE, HIGHER, true",
            "POTENTIAL_FALSE_POSITIVE, HIGHER, false",
            "NEWLY_BLOCKED,            HIGHER, false",
    })
    void filterDropDownOffersOnlyTheShownExtraColumns(SenderFlag flag, Relation relation, boolean offered) {
        assertThat(new SenderQuery(Optional.of(flag), "").filterShownAt(relation)).isEqualTo(offered);
        assertThat(SenderQuery.ALL.filterShownAt(relation)).isTrue();
    }
}
