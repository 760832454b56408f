package io.islands.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.engine.game.GameState;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.runtime.checkpoint.StoreUnavailable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A game whose store fails while its process starts: the start's reason is a
 * {@link StoreUnavailable} (a type, not a string prefix), and a call gets STORE.
 */
class StoreUnavailableTest {

    /** A memory store whose reads fail inside processes (the game's init) while {@code down}. */
    static final class FailingInProcesses implements StateStore<GameState> {
        final MemoryStateStore<GameState> to = new MemoryStateStore<>(3);
        volatile boolean down;

        private void check() {
            if (down && Proc.current().isPresent()) {
                throw new StoreException("disk on fire");
            }
        }

        @Override public int historyDepth() { return to.historyDepth(); }
        @Override public List<Saved<GameState>> versions(String key) { check(); return to.versions(key); }
        @Override public void save(String key, Saved<GameState> version) { to.save(key, version); }
        @Override public List<Saved<GameState>> discardAfter(String key, long revision) { return to.discardAfter(key, revision); }
        @Override public boolean delete(String key) { return to.delete(key); }
        @Override public List<String> keys() { return to.keys(); }
        @Override public void quarantine(String key, String reason) { to.quarantine(key, reason); }
        @Override public Optional<Quarantined<GameState>> quarantined(String key) { check(); return to.quarantined(key); }
        @Override public List<String> quarantinedKeys() { return to.quarantinedKeys(); }
        @Override public Optional<Quarantined<GameState>> release(String key) { return to.release(key); }
    }

    @Test
    void aStartThatCannotReadTheStoreStopsWithATypedReason_andACallGetsStore() {
        FailingInProcesses store = new FailingInProcesses();
        try (Games games = Games.start(Games.Config.defaults(store))) {
            store.to.save("moon", new Saved<>(1, GameState.fresh("moon")));
            store.down = true;

            StartResult start = games.startGame("moon");
            assertThat(start).isInstanceOfSatisfying(StartResult.Error.class, e -> assertThat(e.reason())
                    .isInstanceOfSatisfying(ExitReason.Other.class, o -> assertThat(o.value())
                            .isEqualTo(new StoreUnavailable("disk on fire"))));

            // the caller (not a process) reads the store fine, the game's init does not
            assertThatThrownBy(() -> games.state("moon")).isInstanceOfSatisfying(GameUnavailableException.class,
                    e -> assertThat(e.why()).isEqualTo(GameUnavailableException.Why.STORE));

            store.down = false;
            assertThat(games.state("moon")).isEqualTo(GameState.fresh("moon"));
        }
    }

    /**
     * Regression (fresh-clone CI, 2026-12-03): an activated game loads after its start, and when
     * the load fails at once the process may be gone before the call reaches it; the call then
     * saw noproc on every retry and answered CRASHED. Each of 200 calls must say STORE.
     */
    @Test
    void aGameWhoseLoadFailsBeforeTheCallArrives_isStoreEveryTime_neverCrashed() {
        FailingInProcesses store = new FailingInProcesses();
        try (Games games = Games.start(Games.Config.defaults(store))) {
            store.to.save("moon", new Saved<>(1, GameState.fresh("moon")));
            store.down = true;
            for (int i = 0; i < 200; i++) {
                int call = i;
                assertThatThrownBy(() -> games.state("moon")).as("call %d", i)
                        .isInstanceOfSatisfying(GameUnavailableException.class,
                                e -> assertThat(e.why()).as("call %d: %s", call, e.getMessage())
                                        .isEqualTo(GameUnavailableException.Why.STORE));
            }
        }
    }
}
