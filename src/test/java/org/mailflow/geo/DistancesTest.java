package org.mailflow.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Great-circle distances for impossible travel (SPEC 2.5). */
class DistancesTest {
    @Test
    void parisToLondon() {
        assertThat(Distances.km(48.8566, 2.3522, 51.5074, -0.1278)).isCloseTo(344, within(2.0));
    }

    @Test
    void antipodesAreHalfACircumference() {
        assertThat(Distances.km(0, 0, 0, 180)).isCloseTo(20_015, within(1.0));
        assertThat(Distances.km(45, 10, -45, -170)).isCloseTo(20_015, within(1.0));
    }

    @Test
    void samePointAndSymmetry() {
        assertThat(Distances.km(35.68, 139.69, 35.68, 139.69)).isZero();
        assertThat(Distances.km(35.68, 139.69, -33.87, 151.21))
                .isCloseTo(Distances.km(-33.87, 151.21, 35.68, 139.69), within(1e-9));
    }
}
