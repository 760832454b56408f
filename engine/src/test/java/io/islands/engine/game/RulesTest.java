package io.islands.engine.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules table of the book's §3, checked for every state, every pair of islands statuses and
 * every action. The table lists what is allowed; everything else must be refused.
 */
class RulesTest {

    /**
     * "state p1 p2 action -> state p1 p2"; p1/p2 are N (not set) or S (set); a * on the left
     * matches either and on the right keeps the value.
     */
    private static final List<String> ALLOWED = List.of(
            "INITIALIZED  * * add_player              -> PLAYERS_SET  * *",
            "PLAYERS_SET  N * position_islands:player1 -> PLAYERS_SET  N *",
            "PLAYERS_SET  * N position_islands:player2 -> PLAYERS_SET  * N",
            "PLAYERS_SET  N N set_islands:player1      -> PLAYERS_SET  S N",
            "PLAYERS_SET  S N set_islands:player1      -> PLAYERS_SET  S N",
            "PLAYERS_SET  N S set_islands:player1      -> PLAYER1_TURN S S",
            "PLAYERS_SET  S S set_islands:player1      -> PLAYER1_TURN S S",
            "PLAYERS_SET  N N set_islands:player2      -> PLAYERS_SET  N S",
            "PLAYERS_SET  N S set_islands:player2      -> PLAYERS_SET  N S",
            "PLAYERS_SET  S N set_islands:player2      -> PLAYER1_TURN S S",
            "PLAYERS_SET  S S set_islands:player2      -> PLAYER1_TURN S S",
            "PLAYER1_TURN * * guess_coordinate:player1 -> PLAYER2_TURN * *",
            "PLAYER1_TURN * * win_check:no_win         -> PLAYER1_TURN * *",
            "PLAYER1_TURN * * win_check:win            -> GAME_OVER    * *",
            "PLAYER2_TURN * * guess_coordinate:player2 -> PLAYER1_TURN * *",
            "PLAYER2_TURN * * win_check:no_win         -> PLAYER2_TURN * *",
            "PLAYER2_TURN * * win_check:win            -> GAME_OVER    * *");

    private static final Map<String, Action> ACTIONS = actions();

    private static Map<String, Action> actions() {
        Map<String, Action> actions = new LinkedHashMap<>();
        actions.put("add_player", new Action.AddPlayer());
        for (Player p : Player.values()) {
            actions.put("position_islands:" + p.wire(), new Action.PositionIslands(p));
            actions.put("set_islands:" + p.wire(), new Action.SetIslands(p));
            actions.put("guess_coordinate:" + p.wire(), new Action.GuessCoordinate(p));
        }
        actions.put("win_check:no_win", new Action.WinCheck(false));
        actions.put("win_check:win", new Action.WinCheck(true));
        return actions;
    }

    static Stream<Arguments> everyStateEveryAction() {
        List<Arguments> cases = new ArrayList<>();
        for (RulesState state : RulesState.values()) {
            for (IslandsStatus p1 : IslandsStatus.values()) {
                for (IslandsStatus p2 : IslandsStatus.values()) {
                    for (String action : ACTIONS.keySet()) {
                        Rules rules = new Rules(state, p1, p2);
                        cases.add(Arguments.of(rules, action, expected(rules, action)));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static Optional<Rules> expected(Rules rules, String action) {
        for (String row : ALLOWED) {
            String[] f = row.split("\\s+");
            if (f[0].equals(rules.state().name()) && matches(f[1], rules.player1())
                    && matches(f[2], rules.player2()) && f[3].equals(action)) {
                return Optional.of(new Rules(RulesState.valueOf(f[5]), target(f[6], rules.player1()), target(f[7], rules.player2())));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, IslandsStatus status) {
        return pattern.equals("*") || target(pattern, status) == status;
    }

    private static IslandsStatus target(String pattern, IslandsStatus current) {
        return switch (pattern) {
            case "*" -> current;
            case "S" -> IslandsStatus.ISLANDS_SET;
            default -> IslandsStatus.ISLANDS_NOT_SET;
        };
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("everyStateEveryAction")
    void checkFollowsTheBookTable(Rules rules, String action, Optional<Rules> expected) {
        assertThat(rules.check(ACTIONS.get(action))).isEqualTo(expected);
    }

    @Test
    void theTableCoversEveryCombinationAndAllowsForty() {
        assertThat(everyStateEveryAction()).hasSize(5 * 4 * 9);
        assertThat(everyStateEveryAction().filter(a -> ((Optional<?>) a.get()[2]).isPresent())).hasSize(40);
    }

    @Test
    void newRulesAreInitializedWithNobodySet() {
        assertThat(Rules.initial()).isEqualTo(
                new Rules(RulesState.INITIALIZED, IslandsStatus.ISLANDS_NOT_SET, IslandsStatus.ISLANDS_NOT_SET));
    }

    @Test
    void onlyTheTurnStatesHaveATurn() {
        assertThat(RulesState.PLAYER1_TURN.turn()).contains(Player.PLAYER1);
        assertThat(RulesState.PLAYER2_TURN.turn()).contains(Player.PLAYER2);
        assertThat(Stream.of(RulesState.INITIALIZED, RulesState.PLAYERS_SET, RulesState.GAME_OVER).map(RulesState::turn))
                .allMatch(Optional::isEmpty);
    }
}
