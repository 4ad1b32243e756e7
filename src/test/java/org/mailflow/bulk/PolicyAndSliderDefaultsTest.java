package org.mailflow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 3.1 built-in policies and 3.3 slider ranges and starting values. */
class PolicyAndSliderDefaultsTest {

    @Test
    void builtInPoliciesAreDefaultSevenStandardSixStrictFive() {
        assertThat(Policy.BUILT_IN).extracting(Policy::name, Policy::threshold, Policy::builtIn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Default", 7, true),
                org.assertj.core.groups.Tuple.tuple("Standard preset", 6, true),
                org.assertj.core.groups.Tuple.tuple("Strict preset", 5, true));
    }

    @Test
    void simulationStartsWithNewEqualToCurrentAndQualityFifty() {
        SimulationParams p = SimulationParams.initial(7);
        assertThat(p.current()).isEqualTo(7);
        assertThat(p.newThreshold()).isEqualTo(7);
        assertThat(p.quality()).isEqualTo(50);
        assertThat(p.relation()).isEqualTo(Relation.SAME);
    }

    @ParameterizedTest(name = "C={0} N={1} Q={2} rejected")
    @CsvSource({"0, 7, 50", "10, 7, 50", "7, 0, 50", "7, 10, 50", "7, 7, -1", "7, 7, 101"})
    void thresholdsOutsideOneToNineAndQualityOutsideZeroToHundredAreRejected(int c, int n, int q) {
        assertThatThrownBy(() -> new SimulationParams(c, n, q)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "C={0} N={1} Q={2} accepted")
    @CsvSource({"1, 9, 0", "9, 1, 100", "1, 1, 0", "9, 9, 100"})
    void extremesOfTheSliderRangesAreAccepted(int c, int n, int q) {
        SimulationParams p = new SimulationParams(c, n, q);
        assertThat(p.quality()).isEqualTo(q);
    }
}
