package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinateTest {

    @ParameterizedTest
    @CsvSource({"1,1", "1,10", "10,1", "10,10", "5,7"})
    void inRangeIsOk(int row, int col) {
        assertThat(Coordinate.of(row, col)).isEqualTo(Checked.ok(new Coordinate(row, col)));
    }

    @ParameterizedTest
    @CsvSource({"0,1", "1,0", "11,1", "1,11", "0,0", "11,11", "-1,5", "5,-1", "-2147483648,1", "1,2147483647"})
    void outOfRangeIsInvalidCoordinateAndNotThrown(int row, int col) {
        assertThat(Coordinate.of(row, col)).isEqualTo(Checked.err(GameError.INVALID_COORDINATE));
        assertThat(Coordinate.isValid(row, col)).isFalse();
    }

    @Test
    void constructorRefusesOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Coordinate(11, 1)).withMessageContaining("1..10");
    }

    @Test
    void equalityIsStructuralAndOrderIsRowThenColumn() {
        assertThat(new Coordinate(2, 3)).isEqualTo(new Coordinate(2, 3)).hasSameHashCodeAs(new Coordinate(2, 3));
        assertThat(new Coordinate(1, 10)).isLessThan(new Coordinate(2, 1));
        assertThat(new Coordinate(2, 1)).isLessThan(new Coordinate(2, 2));
    }
}
