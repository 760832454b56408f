package io.islands.server.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Moves;
import io.islands.engine.game.Outcome;
import io.islands.engine.game.Player;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replay recorder on real (memory) stores, with the game's moves from the engine: every save
 * of a game becomes a step, the replay appears only when the game is over, expires after the
 * retention, and a history it did not see from the start gives no replay.
 */
class ReplaysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[][] DEMO = {{1, 1}, {1, 5}, {1, 7}, {5, 1}, {5, 5}};
    private static final String[] TYPES = {"atoll", "dot", "l_shape", "s_shape", "square"};
    private static final int[][] LAND = {{1, 1}, {1, 2}, {2, 2}, {3, 1}, {3, 2}, {1, 5}, {1, 7}, {2, 7}, {3, 7}, {3, 8},
        {5, 2}, {5, 3}, {6, 1}, {6, 2}, {5, 5}, {5, 6}, {6, 5}, {6, 6}};

    private final CloseableStateStore<String> replayStore = StateStores.open("memory:", StateCodec.rawJson(), 1);
    private final CloseableStateStore<GameState> gameStore = StateStores.open("memory:", GameStateCodec.INSTANCE, 3);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Replays replays = new Replays(replayStore, Duration.ofMinutes(10), now::get, n -> n.matches("[a-z0-9]+"));
    private final StateStore<GameState> games = replays.recording(gameStore);

    @AfterEach
    void close() {
        replayStore.close();
        gameStore.close();
    }

    /** Saves each state of a whole game, player 1 winning; @return the number of moves after the start */
    private int playToTheEnd(String game, boolean withStart) {
        GameState g = GameState.fresh(game);
        long[] revision = {0};
        UnaryOperator<GameState> save = s -> {
            games.save(game, new Saved<>(++revision[0], s));
            return s;
        };
        if (withStart) {
            save.apply(g);
        } else { // saved before the recorder was there
            gameStore.save(game, new Saved<>(++revision[0], g));
        }
        int moves = 0;
        g = save.apply(ok(Moves.addPlayer(g, "diva")));
        moves++;
        for (Player p : Player.values()) {
            for (int i = 0; i < 5; i++) {
                g = save.apply(ok(Moves.positionIsland(g, p, TYPES[i], DEMO[i][0], DEMO[i][1])));
                moves++;
            }
        }
        g = save.apply(ok(Moves.setIslands(g, Player.PLAYER1)));
        g = save.apply(ok(Moves.setIslands(g, Player.PLAYER2)));
        moves += 2;
        for (int i = 0; i < LAND.length; i++) {
            g = save.apply(ok(Moves.guessCoordinate(g, Player.PLAYER1, LAND[i][0], LAND[i][1])));
            moves++;
            if (i < LAND.length - 1) {
                assertThat(replays.replay(game)).as("no replay while the game is in play").isEmpty();
                g = save.apply(i == 0 ? ok(Moves.guessCoordinate(g, Player.PLAYER2, 2, 2)) // a hit
                        : ok(Moves.guessCoordinate(g, Player.PLAYER2, 10, 10 - (i % 10))));
                moves++;
            }
        }
        return moves;
    }

    @Test
    void aFinishedGameReplaysEveryMoveInOrder() throws Exception {
        int moves = playToTheEnd("moon", true);
        JsonNode r = JSON.readTree(replays.replay("moon").orElseThrow());
        assertThat(r.get("players").get("player2").asText()).isEqualTo("diva");
        assertThat(r.get("winner").asText()).isEqualTo("player1");
        List<JsonNode> steps = new ArrayList<>();
        r.get("steps").forEach(steps::add);
        assertThat(steps).hasSize(moves);
        assertThat(steps.get(0).toString()).isEqualTo("{\"move\":\"add_player\",\"player\":\"player2\"}");
        assertThat(steps.get(1).toString()).isEqualTo("{\"move\":\"position_island\",\"player\":\"player1\",\"island\":\"atoll\",\"row\":1,\"col\":1}");
        assertThat(steps.get(11).toString()).isEqualTo("{\"move\":\"set_islands\",\"player\":\"player1\"}");
        assertThat(steps.get(13).toString()).isEqualTo(
                "{\"move\":\"guess\",\"player\":\"player1\",\"row\":1,\"col\":1,\"hit\":true,\"forested\":null,\"win\":false}");
        assertThat(steps.get(14).toString()).isEqualTo(
                "{\"move\":\"guess\",\"player\":\"player2\",\"row\":2,\"col\":2,\"hit\":true,\"forested\":null,\"win\":false}");
        assertThat(steps.stream().filter(s -> s.get("move").asText().equals("position_island"))).hasSize(10);
        assertThat(steps.getLast().toString()).isEqualTo(
                "{\"move\":\"guess\",\"player\":\"player1\",\"row\":6,\"col\":6,\"hit\":true,\"forested\":\"square\",\"win\":true}");
        assertThat(replays.recorded()).isEqualTo(1);
        assertThat(replays.served()).isEqualTo(1);
    }

    @Test
    void aReplayExpiresAfterTheRetentionAndTheSweepDeletesIt() {
        playToTheEnd("moon", true);
        now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
        assertThat(replays.replay("moon")).isPresent();
        assertThat(replays.sweep()).isZero();
        now.addAndGet(1);
        assertThat(replays.replay("moon")).isEmpty();
        assertThat(replays.sweep()).isEqualTo(1);
        assertThat(replayStore.keys()).isEmpty();
    }

    @Test
    void aHistoryNotSeenFromTheStartGivesNoReplay() {
        playToTheEnd("moon", false); // as after a server restart mid-game
        assertThat(replays.replay("moon")).isEmpty();
        assertThat(replays.unrecorded()).isEqualTo(1);
    }

    @Test
    void namesTheServerRefusesAreNeverLookedUp() {
        assertThat(replays.replay("../x")).isEmpty();
        assertThat(replays.replay(null)).isEmpty();
    }

    private static <R> GameState ok(Outcome<R> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<R>) outcome).state();
    }
}
