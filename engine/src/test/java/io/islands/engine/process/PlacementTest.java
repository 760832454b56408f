package io.islands.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Outcome;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.FencedOutException;
import io.islands.runtime.checkpoint.MemoryStateStore;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.runtime.checkpoint.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's hook in the engine: a game that is not running here is started or activated
 * only where its placement says; one running here whose save is refused by its fence stops, and
 * its caller learns where the game went. The store stands in for a cluster node's fenced store
 * (storage's ClusterStoreTest and FenceRaceTest prove the refusal itself against PostgreSQL).
 */
class PlacementTest {
    final MemoryStateStore<GameState> memory = new MemoryStateStore<>(3);
    /** The node that took the games over; null: this node owns them. */
    volatile String takenBy;
    final List<String> asked = new CopyOnWriteArrayList<>();

    /** The memory store, refusing saves as a fenced store does once the games were taken over. */
    @SuppressWarnings("unchecked")
    final StateStore<GameState> store = (StateStore<GameState>) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("save") && takenBy != null) {
                    throw new FencedOutException((String) args[0], ((Saved<?>) args[1]).revision(), 1, 2);
                }
                try {
                    return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    final GamePlacement placement = game -> {
        asked.add(game);
        String owner = takenBy;
        return owner == null ? GamePlacement.Placement.Here.INSTANCE : new GamePlacement.Placement.Elsewhere(owner);
    };
    final Games games = Games.start(Games.Config.defaults(store).withPlacement(placement));

    @AfterEach
    void stop() {
        games.close();
    }

    @Test
    void aGameIsStartedAndActivatedOnlyWhereItsPlacementSays() {
        assertThat(games.startGame("moon")).isInstanceOf(StartResult.Ok.class);
        assertThat(asked).containsExactly("moon");
        assertThat(games.addPlayer("moon", "bob")).isInstanceOf(Outcome.Ok.class);
        assertThat(asked).as("a running game is not placed again").containsExactly("moon");

        takenBy = "n2";
        assertThat(catchThrowableOfType(GameElsewhereException.class, () -> games.startGame("sun")))
                .satisfies(e -> {
                    assertThat(e.node()).isEqualTo("n2");
                    assertThat(e.why()).isEqualTo(GameUnavailableException.Why.ELSEWHERE);
                });
        assertThat(games.whereis("sun")).isEmpty();

        memory.save("star", new Saved<>(1, GameState.fresh("star"))); // saved, not running here
        assertThat(catchThrowableOfType(GameElsewhereException.class, () -> games.state("star")).node()).isEqualTo("n2");
        assertThat(games.whereis("star")).isEmpty();
        assertThat(catchThrowableOfType(GameUnavailableException.class, () -> games.state("nowhere")).why())
                .as("a game that does not exist is not placed").isEqualTo(GameUnavailableException.Why.NOT_FOUND);
        assertThat(asked).doesNotContain("nowhere");
    }

    @Test
    void aGameWhoseSaveIsFencedOutStopsAndItsCallerLearnsWhereTheGameWent() {
        games.startGame("moon");
        Pid running = games.whereis("moon").orElseThrow();
        GameState before = memory.newest("moon").orElseThrow().state();

        takenBy = "n2"; // another node claimed the game: this node's next save is refused by its fence
        GameElsewhereException e = catchThrowableOfType(GameElsewhereException.class,
                () -> games.addPlayer("moon", "bob")); // a move that changes the game, so it saves
        assertThat(e.node()).isEqualTo("n2");
        await().atMost(Duration.ofSeconds(5)).until(() -> !running.isAlive());
        assertThat(games.whereis("moon")).isEmpty();
        assertThat(memory.newest("moon").orElseThrow().state()).as("nothing applied").isEqualTo(before);
    }

    @Test
    void aHandedOffGameStopsHereKeepsItsStateAndIsPlacedAgainOnItsNextCall() {
        for (String name : List.of("a", "b", "c")) {
            games.startGame(name);
        }
        assertThat(games.addPlayer("a", "bob")).isInstanceOf(Outcome.Ok.class);
        GameState saved = memory.newest("a").orElseThrow().state();
        Pid a = games.whereis("a").orElseThrow();
        assertThat(games.handOff("a")).isTrue();
        assertThat(a.isAlive()).isFalse();
        assertThat(games.handOff("a")).isFalse();
        assertThat(memory.newest("a").orElseThrow().state()).isEqualTo(saved);
        await().atMost(Duration.ofSeconds(5)).until(() -> games.runningNames().equals(List.of("b", "c")));
        assertThat(games.handOffAll()).containsExactly("b", "c");
        assertThat(games.running()).isZero();
        asked.clear();
        takenBy = "n2";
        assertThat(catchThrowableOfType(GameElsewhereException.class, () -> games.state("a")).node()).isEqualTo("n2");
        assertThat(asked).containsExactly("a");
    }

    @Test
    void handOffAllStopsEveryGameAndCallsBackEachOnceItsProcessHasEnded() {
        List<String> names = java.util.stream.IntStream.range(0, 3 * Games.HAND_OFF_PARALLELISM).mapToObj(i -> "g" + i).toList();
        names.forEach(games::startGame);
        await().atMost(Duration.ofSeconds(5)).until(() -> games.running() == names.size());
        java.util.Map<String, Boolean> endedWhenCalled = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> stopped = games.handOffAll(name -> {
            Boolean before = endedWhenCalled.put(name, games.whereis(name).isEmpty());
            assertThat(before).as("%s called back once", name).isNull();
        });
        assertThat(stopped).containsExactlyInAnyOrderElementsOf(names).isSorted();
        assertThat(endedWhenCalled).hasSize(names.size()).doesNotContainValue(false);
        assertThat(games.running()).isZero();
        names.forEach(name -> assertThat(memory.newest(name)).as("%s's state is kept", name).isPresent());
    }

    @Test
    void aPlacementThatChecksSaved_activatesWithoutAReadBeforeItsClaim_andAnUnsavedGameIsNotFoundOrQuarantined() {
        List<String> reads = new CopyOnWriteArrayList<>();
        @SuppressWarnings("unchecked")
        StateStore<GameState> counted = (StateStore<GameState>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
                    reads.add(method.getName());
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        GamePlacement claimsSaved = new GamePlacement() { // as a cluster node's: the claim tells whether the game is saved
            @Override
            public Placement place(String game) {
                asked.add("place " + game);
                return Placement.Here.INSTANCE;
            }

            @Override
            public Placement placeSaved(String game) {
                asked.add("placeSaved " + game);
                return memory.versions(game).isEmpty() ? Placement.Unsaved.INSTANCE : Placement.Here.INSTANCE;
            }

            @Override
            public boolean checksSaved() {
                return true;
            }
        };
        try (Games node = Games.start(Games.Config.defaults(counted).withPlacement(claimsSaved))) {
            assertThat(node.startGame("moon")).isInstanceOf(StartResult.Ok.class);
            assertThat(asked).as("a new game's start claims it unconditionally").containsExactly("place moon");
            assertThat(node.handOff("moon")).isTrue();
            reads.clear();
            asked.clear();
            assertThat(node.state("moon")).isEqualTo(memory.newest("moon").orElseThrow().state());
            assertThat(asked).containsExactly("placeSaved moon");
            assertThat(reads).as("one read, the load after the claim").containsExactly("versions");

            reads.clear();
            assertThat(catchThrowableOfType(GameUnavailableException.class, () -> node.state("nowhere")).why())
                    .isEqualTo(GameUnavailableException.Why.NOT_FOUND);
            assertThat(reads).as("only the quarantine record, after the claim found nothing saved").containsExactly("quarantined");

            memory.save("sick", new Saved<>(1, GameState.fresh("sick")));
            memory.quarantine("sick", "unreadable");
            assertThat(catchThrowableOfType(GameUnavailableException.class, () -> node.state("sick")).why())
                    .isEqualTo(GameUnavailableException.Why.QUARANTINED);
            assertThat(node.whereis("nowhere")).isEmpty();
            assertThat(node.whereis("sick")).isEmpty();
        }
    }

    @Test
    void aPlacementThatCannotReadTheClusterStoreRefusesAsStore() {
        GamePlacement failing = game -> {
            throw new StoreException("the cluster's database is down");
        };
        try (Games down = Games.start(Games.Config.defaults(new MemoryStateStore<>(3)).withPlacement(failing))) {
            assertThat(catchThrowableOfType(GameUnavailableException.class, () -> down.startGame("moon")).why())
                    .isEqualTo(GameUnavailableException.Why.STORE);
        }
    }
}
