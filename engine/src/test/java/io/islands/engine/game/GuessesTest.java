package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class GuessesTest {

    @Test
    void hitsAndMissesAreSets() {
        Coordinate c = new Coordinate(3, 4);
        Guesses guesses = Guesses.empty().add(true, c).add(true, c).add(false, new Coordinate(1, 1));
        assertThat(guesses).isEqualTo(new Guesses(Set.of(c), Set.of(new Coordinate(1, 1))));
        assertThat(Guesses.empty()).isEqualTo(new Guesses(Set.of(), Set.of()));
    }
}
