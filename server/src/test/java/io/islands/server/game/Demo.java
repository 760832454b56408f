package io.islands.server.game;

import java.util.List;
import java.util.Map;

/** The book's demo placement (spec §5.7) and the cells it covers. */
final class Demo {
    private Demo() {}

    /** Island type → upper-left (row, col). */
    static final Map<String, int[]> PLACEMENT = Map.of(
            "atoll", new int[] {1, 1}, "dot", new int[] {1, 5}, "l_shape", new int[] {1, 7},
            "s_shape", new int[] {5, 1}, "square", new int[] {5, 5});

    /** Every cell of the placement, island by island (18 in all). */
    static final List<int[]> CELLS = List.of(
            new int[] {1, 1}, new int[] {1, 2}, new int[] {2, 2}, new int[] {3, 1}, new int[] {3, 2},
            new int[] {1, 5},
            new int[] {1, 7}, new int[] {2, 7}, new int[] {3, 7}, new int[] {3, 8},
            new int[] {5, 2}, new int[] {5, 3}, new int[] {6, 1}, new int[] {6, 2},
            new int[] {5, 5}, new int[] {5, 6}, new int[] {6, 5}, new int[] {6, 6});

    static Map<String, Object> position(String player, Object island, Object row, Object col) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("player", player);
        m.put("island", island);
        m.put("row", row);
        m.put("col", col);
        return m;
    }

    static Map<String, Object> guess(String player, Object row, Object col) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("player", player);
        m.put("row", row);
        m.put("col", col);
        return m;
    }

    /** Positions all five islands of {@code player} (asserting ok) and sets them. */
    static void placeAndSet(GameClient c, String player) throws Exception {
        for (var e : PLACEMENT.entrySet()) {
            c.ok("position_island", position(player, e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        c.ok("set_islands", player);
    }

    /** Starts the game (player 1 {@code new_game}, player 2 {@code add_player}) and places and sets both demo fleets. */
    static void start(GameClient p1, GameClient p2, String p2Name) throws Exception {
        p1.ok("new_game", Map.of());
        p2.noReply("add_player", p2Name);
        placeAndSet(p1, "player1");
        placeAndSet(p2, "player2");
    }

    /**
     * One round of the demo battle: player 1 hits {@code CELLS[i]}; unless that won, player 2
     * misses in rows 9-10. Both broadcasts are asserted to reach both players.
     *
     * @return the broadcast of player 1's guess
     */
    static com.fasterxml.jackson.databind.JsonNode round(GameClient p1, GameClient p2, int i) throws Exception {
        int[] cell = CELLS.get(i);
        p1.noReply("guess_coordinate", guess("player1", cell[0], cell[1]));
        var hit = p2.event("player_guessed_coordinate");
        org.assertj.core.api.Assertions.assertThat(p1.event("player_guessed_coordinate")).isEqualTo(hit);
        org.assertj.core.api.Assertions.assertThat(hit.get("player").asText()).isEqualTo("player1");
        org.assertj.core.api.Assertions.assertThat(hit.get("row").asInt()).isEqualTo(cell[0]);
        org.assertj.core.api.Assertions.assertThat(hit.get("col").asInt()).isEqualTo(cell[1]);
        org.assertj.core.api.Assertions.assertThat(hit.get("result").get("hit").asBoolean()).isTrue();
        boolean last = i == CELLS.size() - 1;
        org.assertj.core.api.Assertions.assertThat(hit.get("result").get("win").asText()).isEqualTo(last ? "win" : "no_win");
        if (!last) {
            int row = 9 + i / 10;
            int col = 1 + i % 10;
            p2.noReply("guess_coordinate", guess("player2", row, col));
            var missed = io.islands.server.phoenix.WsClient.json(
                    "{'player':'player2','row':%d,'col':%d,'result':{'hit':false,'island':'none','win':'no_win'}}"
                            .formatted(row, col));
            org.assertj.core.api.Assertions.assertThat(p1.event("player_guessed_coordinate")).isEqualTo(missed);
            org.assertj.core.api.Assertions.assertThat(p2.event("player_guessed_coordinate")).isEqualTo(missed);
        }
        return hit;
    }
}
