package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bit-map cell set behaves as a java.util.Set of coordinates (a HashSet is the model). */
class CellSetTest {
    private static final long SEED = 20261202L;

    @Test
    void agreesWithAHashSetOverRandomAdds() {
        System.out.println("CellSetTest seed " + SEED);
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int round = 0; round < 200; round++) {
            CellSet cells = CellSet.EMPTY;
            Set<Coordinate> model = new HashSet<>();
            int adds = rnd.nextInt(0, 120);
            for (int i = 0; i < adds; i++) {
                Coordinate c = new Coordinate(rnd.nextInt(1, 11), rnd.nextInt(1, 11));
                CellSet next = cells.with(c);
                assertThat(next == cells).isEqualTo(model.contains(c));
                model.add(c);
                cells = next;
            }
            assertThat(cells).isEqualTo(model).hasSameHashCodeAs(model).hasSize(model.size());
            assertThat(model).isEqualTo(cells);
            assertThat(CellSet.copyOf(model)).isEqualTo(cells);
            assertThat(CellSet.copyOf(cells)).isSameAs(cells);
            List<Coordinate> order = new ArrayList<>(cells);
            assertThat(order).isSorted().doesNotHaveDuplicates();
            for (int r = 1; r <= 10; r++) {
                for (int c = 1; c <= 10; c++) {
                    Coordinate cell = new Coordinate(r, c);
                    assertThat(cells.contains(cell)).isEqualTo(model.contains(cell));
                }
            }
        }
    }

    @Test
    void cornersOfBothWordsAreKept() {
        List<Coordinate> corners = List.of(new Coordinate(1, 1), new Coordinate(7, 4), new Coordinate(7, 5),
                new Coordinate(10, 10));
        assertThat(CellSet.copyOf(corners)).containsExactlyElementsOf(corners);
    }

    @Test
    void intersectsAndContainsAllAreTheSetOperations() {
        CellSet a = CellSet.copyOf(Set.of(new Coordinate(1, 1), new Coordinate(9, 9)));
        CellSet b = CellSet.copyOf(Set.of(new Coordinate(9, 9)));
        CellSet c = CellSet.copyOf(Set.of(new Coordinate(2, 2)));
        assertThat(a.intersects(b)).isTrue();
        assertThat(a.intersects(c)).isFalse();
        assertThat(a.containsAll(b)).isTrue();
        assertThat(b.containsAll(a)).isFalse();
        assertThat(a.contains("not a cell")).isFalse();
    }

    @Test
    void isImmutableAndRefusesNulls() {
        CellSet a = CellSet.copyOf(Set.of(new Coordinate(1, 1)));
        assertThatThrownBy(() -> a.add(new Coordinate(2, 2))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(a::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatNullPointerException().isThrownBy(() -> CellSet.copyOf(java.util.Arrays.asList(new Coordinate(1, 1), null)));
        assertThat(a).containsExactly(new Coordinate(1, 1));
    }

    @Test
    void aRepeatedGuessOrHitReturnsTheSameObject() {
        Coordinate c = new Coordinate(3, 4);
        Guesses once = Guesses.empty().add(false, c);
        assertThat(once.add(false, c)).isSameAs(once);
        Island dot = Island.create(IslandType.DOT, c).toOptional().orElseThrow();
        Island hit = dot.guess(c).orElseThrow();
        assertThat(hit.guess(c)).containsSame(hit);
        assertThat(Coordinate.of(3, 4).toOptional()).containsSame(Coordinate.of(3, 4).toOptional().orElseThrow());
        assertThat(new Coordinate(3, 4)).isEqualTo(c).hasSameHashCodeAs(c);
    }
}
