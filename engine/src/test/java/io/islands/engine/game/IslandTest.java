package io.islands.engine.game;

import static io.islands.engine.game.TestGames.cells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IslandTest {

    private static Island island(String type, int row, int col) {
        return Island.create(type, new Coordinate(row, col)).toOptional().orElseThrow();
    }

    @Test
    void typesInTheBookOrderWithWireNames() {
        assertThat(IslandType.values()).containsExactly(
                IslandType.ATOLL, IslandType.DOT, IslandType.L_SHAPE, IslandType.S_SHAPE, IslandType.SQUARE);
        assertThat(Arrays.stream(IslandType.values()).map(IslandType::wire))
                .containsExactly("atoll", "dot", "l_shape", "s_shape", "square");
        assertThat(Arrays.stream(IslandType.values()).mapToInt(IslandType::size).sum()).isEqualTo(18);
    }

    @ParameterizedTest
    @EnumSource(IslandType.class)
    void fromWireFindsEveryType(IslandType type) {
        assertThat(IslandType.fromWire(type.wire())).contains(type);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ATOLL", "Atoll", "lshape", "boat", " dot"})
    void fromWireRefusesAnythingElse(String wire) {
        assertThat(IslandType.fromWire(wire)).isEmpty();
    }

    @ParameterizedTest(name = "{0} at (1,1)")
    @CsvSource({
        "atoll,   1 1 1 2 2 2 3 1 3 2",
        "dot,     1 1",
        "l_shape, 1 1 2 1 3 1 3 2",
        "s_shape, 1 2 1 3 2 1 2 2",
        "square,  1 1 1 2 2 1 2 2"})
    void exactCellsOfEveryShape(String type, String expected) {
        int[] pairs = Arrays.stream(expected.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        Island island = island(type, 1, 1);
        assertThat(island.coordinates()).containsExactlyInAnyOrderElementsOf(cells(pairs));
        assertThat(island.hitCoordinates()).isEmpty();
        assertThat(island.type().wire()).isEqualTo(type);
        assertThat(island.upperLeft()).isEqualTo(new Coordinate(1, 1));

        int[] shifted = pairs.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += i % 2 == 0 ? 3 : 4;
        }
        assertThat(island(type, 4, 5).coordinates()).containsExactlyInAnyOrderElementsOf(cells(shifted));
    }

    @ParameterizedTest(name = "{0} fits up to ({1},{2})")
    @CsvSource({"atoll, 8, 9", "dot, 10, 10", "l_shape, 8, 9", "s_shape, 9, 8", "square, 9, 9"})
    void maximumUpperLeftOfEveryShape(String type, int maxRow, int maxCol) {
        for (int row = 1; row <= 10; row++) {
            for (int col = 1; col <= 10; col++) {
                Checked<Island> island = Island.create(type, new Coordinate(row, col));
                if (row <= maxRow && col <= maxCol) {
                    assertThat(island.toOptional()).as("(%d,%d)", row, col).isPresent();
                } else {
                    assertThat(island).as("(%d,%d)", row, col).isEqualTo(Checked.err(GameError.INVALID_COORDINATE));
                }
            }
        }
    }

    @Test
    void typeIsCheckedBeforeBounds() {
        Coordinate corner = new Coordinate(10, 10);
        assertThat(Island.create("boat", corner)).isEqualTo(Checked.err(GameError.INVALID_ISLAND_TYPE));
        assertThat(Island.create((String) null, corner)).isEqualTo(Checked.err(GameError.INVALID_ISLAND_TYPE));
        assertThat(Island.create("atoll", corner)).isEqualTo(Checked.err(GameError.INVALID_COORDINATE));
    }

    @Test
    void guessHitsRecordsTheCellAndRehitIsStillAHit() {
        Island square = island("square", 1, 1);
        Island hit = square.guess(new Coordinate(2, 2)).orElseThrow();
        assertThat(hit.hitCoordinates()).containsExactly(new Coordinate(2, 2));
        assertThat(hit.guess(new Coordinate(2, 2))).contains(hit);
        assertThat(square.hitCoordinates()).isEmpty();
    }

    @Test
    void guessMissLeavesNothingChanged() {
        assertThat(island("square", 1, 1).guess(new Coordinate(3, 3))).isEmpty();
    }

    @Test
    void forestedWhenEveryCellIsHit() {
        Island island = island("l_shape", 2, 2);
        for (Coordinate cell : island.coordinates()) {
            assertThat(island.forested()).isFalse();
            island = island.guess(cell).orElseThrow();
        }
        assertThat(island.forested()).isTrue();
    }

    @Test
    void overlapsOnlyOnASharedCell() {
        Island square = island("square", 1, 1);
        assertThat(square.overlaps(island("dot", 2, 2))).isTrue();
        assertThat(island("dot", 2, 2).overlaps(square)).isTrue();
        assertThat(square.overlaps(island("dot", 3, 3))).isFalse();
        assertThat(square.overlaps(island("dot", 1, 3))).isFalse();
        // the s_shape's origin cell is water: a dot there does not overlap
        assertThat(island("s_shape", 5, 5).overlaps(island("dot", 5, 5))).isFalse();
    }

    @Test
    void constructorKeepsTheShapeAndTheHitsHonest() {
        Set<Coordinate> square = Set.copyOf(cells(1, 1, 1, 2, 2, 1, 2, 2));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Island(IslandType.ATOLL, square, Set.of()))
                .withMessageContaining("do not form the shape atoll");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Island(IslandType.SQUARE, square, Set.of(new Coordinate(3, 3))))
                .withMessageContaining("hit cells");
        assertThatIllegalArgumentException().isThrownBy(() -> new Island(IslandType.DOT, Set.of(), Set.of()));
    }
}
