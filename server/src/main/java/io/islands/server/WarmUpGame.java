package io.islands.server;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import io.islands.engine.process.DemoFleet;
import io.islands.engine.process.Games;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.server.cluster.Cluster;
import io.islands.storage.KeySpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The game part of {@link IslandsServer#warmUp}: one short game played through the game's own
 * code (its process, rules, saves and views) on a memory store of its own, then its last state
 * saved, read back and deleted in the server's game store under {@link #KEY}; on a cluster node
 * between a claim and a release of that key ({@link Cluster#warmUp}). So the first game a server
 * that just started runs, or takes over from a stopping node, does not wait for the JVM to load
 * and first run that code: on a cluster node started 3 s before, a taken-over game's claim took
 * 44 ms against 5–12 ms on a warm node, and its first move 32–35 against 10–20 ms
 * (docs/cluster.md, SIGTERM).
 *
 * <p>{@link #KEY} is in the server's own key space: no client's game can be named so
 * ({@link KeySpace}), and it is deleted again; a failure is logged and leaves at most that key
 * behind, which the next warm-up saves over and deletes. Called on one thread; stateless.
 */
final class WarmUpGame {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUpGame.class);
    /** The key of the state the warm-up saves and deletes in the game store (the server's own space). */
    static final String KEY = "islands:warm-up";
    /** The name of the game played in memory (and of the topic the warm-up's connections join, refused). */
    static final String NAME = "warm-up";
    /** Guesses each player makes: a hit, then misses along the bottom row, each a saved move. */
    private static final int GUESSES = 6;

    private WarmUpGame() {}

    /**
     * @param store   the server's game store, below its key spaces (the key is not a game's)
     * @param cluster the cluster this server is a node of, or null
     * @return whether it went through; a failure is logged (see the class comment)
     */
    static boolean play(StateStore<GameState> store, Cluster cluster) {
        try {
            GameState last = playInMemory();
            Runnable throughStore = () -> {
                long revision = store.newest(KEY).map(Saved::revision).orElse(0L) + 1;
                store.save(KEY, new Saved<>(revision, last));
                store.newest(KEY);
                store.delete(KEY);
            };
            if (cluster != null) {
                cluster.warmUp(KEY, throughStore);
            } else {
                throughStore.run();
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("warm-up: its game failed ({}); the server serves all the same", e.toString());
            return false;
        }
    }

    /** @return the last state of a game started, set up and played a few guesses, on a memory store */
    private static GameState playInMemory() {
        Games scratch = Games.start(Games.Config.defaults(new MemoryStateStore<>(1)));
        try {
            String game = NAME;
            DemoFleet.setUp(scratch, game, "other");
            for (int i = 0; i < GUESSES; i++) {
                int row = i == 0 ? 1 : 10; // the atoll's corner, then water
                scratch.guessCoordinate(game, Player.PLAYER1, row, i + 1);
                scratch.guessCoordinate(game, Player.PLAYER2, row, i + 1);
            }
            for (Player p : Player.values()) {
                scratch.view(game, p);
            }
            return scratch.state(game);
        } finally {
            scratch.close();
        }
    }
}
