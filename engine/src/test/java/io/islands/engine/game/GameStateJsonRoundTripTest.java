package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding and decoding over the states of many seeded random games. */
class GameStateJsonRoundTripTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyStateOfARandomGameRoundTrips(long seed) {
        Random random = new Random(seed);
        List<GameState> states = RandomGames.trajectory(random, random.nextInt(400));
        for (int step = 0; step < states.size(); step++) {
            GameState state = states.get(step);
            int at = step;
            Supplier<String> where = () -> "seed " + seed + ", state " + at + ": " + state;
            ObjectNode doc = GameStateJson.encode(state);
            String text = GameStateJson.toJson(state);

            assertThat(GameStateJson.decode(doc)).as(where).isEqualTo(state);
            assertThat(GameStateJson.fromJson(text)).as(where).isEqualTo(state);
            assertThat(GameStateJson.toJson(GameStateJson.fromJson(text))).as(where).isEqualTo(text);
            assertThat(GameStateJson.decode(JsonDocs.toVersion0(doc))).as(() -> where.get() + " (as version 0)").isEqualTo(state);
            assertThat(GameStateJson.encode(state)).as(() -> where.get() + " (the decode left the document alone)").isEqualTo(doc);
        }
    }

    @Test
    void theRandomGamesReachEveryPhase() {
        Set<RulesState> reached = EnumSet.noneOf(RulesState.class);
        seeds().forEach(seed -> {
            Random random = new Random(seed);
            RandomGames.trajectory(random, random.nextInt(400)).forEach(state -> reached.add(state.rules().state()));
        });
        assertThat(reached).containsExactlyInAnyOrder(RulesState.values());
    }
}
