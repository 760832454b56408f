package io.islands.server.game;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.RulesState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rules refusal the book's table (spec §3) allows gets its own reason (docs/protocol.md §4.3). */
class RulesRefusalTest {
    @ParameterizedTest(name = "{0} in {1} (own islands set: {2}) -> {3}")
    @CsvSource({
        "add_player,      PLAYERS_SET,  false, player2_already_added",
        "add_player,      PLAYER1_TURN, true,  player2_already_added",
        "add_player,      GAME_OVER,    true,  player2_already_added",
        "position_island, INITIALIZED,  false, no_opponent_yet",
        "position_island, PLAYERS_SET,  true,  islands_already_set",
        "position_island, PLAYER1_TURN, true,  islands_already_set",
        "position_island, PLAYER2_TURN, true,  islands_already_set",
        "position_island, GAME_OVER,    true,  islands_already_set",
        "set_islands,     INITIALIZED,  false, no_opponent_yet",
        "set_islands,     PLAYER2_TURN, true,  islands_already_set",
        "set_islands,     GAME_OVER,    true,  islands_already_set",
        // combinations the rules never refuse keep the book's bare error
        "position_island, PLAYERS_SET,  false, error",
        "set_islands,     PLAYERS_SET,  false, error",
        "add_player,      INITIALIZED,  false, error",
        "guess_coordinate, PLAYER1_TURN, true, error",
    })
    void eachRefusalIsNamed(String event, RulesState state, boolean ownSet, String reason) {
        assertThat(RulesRefusal.of(event, state, ownSet)).isEqualTo(reason);
    }
}
