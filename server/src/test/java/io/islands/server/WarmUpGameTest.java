package io.islands.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.engine.game.GameState;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up's game ({@link WarmUpGame}): played in memory, its last state saved, read and
 * deleted under the server's own key, on a memory store and on SQLite (PostgreSQL, with the
 * cluster's claim: {@code ClusterWarmUpTest}).
 */
class WarmUpGameTest {
    @TempDir
    Path dir;

    @Test
    void onAMemoryStore_theStateIsSavedAndDeleted() {
        assertSavedAndDeleted(new MemoryStateStore<>(IslandsServer.GAME_HISTORY));
    }

    @Test
    void onSqlite_theStateIsSavedAndDeleted() {
        try (CloseableStateStore<GameState> store = StateStores.open("sqlite:" + dir.resolve("w.db"), GameStateCodec.INSTANCE,
                IslandsServer.GAME_HISTORY)) {
            assertSavedAndDeleted(store);
        }
    }

    @Test
    void aStateLeftByAnEarlierWarmUpIsSavedOverAndDeleted() {
        MemoryStateStore<GameState> store = new MemoryStateStore<>(IslandsServer.GAME_HISTORY);
        assertThat(WarmUpGame.play(store, null)).isTrue();
        GameState left = GameState.fresh("left");
        store.save(WarmUpGame.KEY, new Saved<>(1, left)); // as if a warm-up had stopped between its save and its delete
        assertSavedAndDeleted(store);
    }

    private static void assertSavedAndDeleted(StateStore<GameState> store) {
        assertThat(WarmUpGame.play(store, null)).as("saved, read back and deleted without an error").isTrue();
        assertThat(store.newest(WarmUpGame.KEY)).isEmpty();
        assertThat(store.keys()).doesNotContain(WarmUpGame.KEY);
    }
}
