package io.islands.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lobby process on its own, with a hand-driven clock and a map standing for the seat
 * records: nothing is done for a game while nobody watches, the first watcher gets the list
 * rebuilt from the records, broadcasts are at most one per interval whatever the number of
 * changes, the list is capped to the newest, and a killed lobby process comes back with the
 * list rebuilt for the channels that still watch.
 */
class LobbyTest {
    private static final AtomicInteger N = new AtomicInteger();
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** game -> creation time of the open games (what the seat records would say). */
    private final Map<String, Long> open = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
    private final List<Pid> watchers = new ArrayList<>();
    private Lobby lobby;
    private Pid supervisor;

    @BeforeEach
    void start() {
        lobby = new Lobby(game -> Optional.ofNullable(open.get(game)), () -> List.copyOf(open.keySet()),
                name -> name.matches("[a-z0-9]+"), (event, payload) -> {
                    assertThat(event).isEqualTo("games");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> list = (Map<String, Object>) payload;
                    sent.add(list);
                }, clock::get, INTERVAL, Name.local("lobby-test." + N.incrementAndGet()));
        supervisor = Supervisor.start(SupervisorFlags.oneForOne(), List.of(lobby.childSpec("lobby"))).pid();
    }

    @AfterEach
    void stop() {
        watchers.forEach(p -> Proc.exit(p, ExitReason.kill()));
        Supervisor.stop(supervisor);
    }

    /** A lobby channel stand-in: a process that watches and stays until killed; returns the list it got. */
    private Map<String, Object> watch() throws InterruptedException {
        BlockingQueue<Map<String, Object>> first = new LinkedBlockingQueue<>();
        watchers.add(Proc.spawn(() -> {
            first.add(lobby.watch());
            Proc.receive(m -> false, Duration.ofSeconds(60));
        }));
        Map<String, Object> list = first.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(list).as("the watch's list").isNotNull();
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<String> games(Map<String, Object> list) {
        return ((List<Map<String, Object>>) list.get("games")).stream().map(g -> (String) g.get("game")).toList();
    }

    @Test
    void nobodyWatching_gamesCostTheLobbyNothing_andTheFirstWatcherGetsTheListFromTheRecords() throws Exception {
        for (int i = 0; i < 20; i++) {
            open.put("g" + i, clock.get() - i * 1000L);
            lobby.touched("g" + i);
        }
        open.put("bad<name>", clock.get());
        assertThat(lobby.touchesHandled()).isZero();
        assertThat(lobby.watching()).isZero();

        Map<String, Object> list = watch();
        assertThat(games(list)).hasSize(20).startsWith("g0", "g1").doesNotContain("bad<name>");
        assertThat(list.get("total")).isEqualTo(20);
        @SuppressWarnings("unchecked")
        Map<String, Object> oldest = ((List<Map<String, Object>>) list.get("games")).get(19);
        assertThat(oldest).containsEntry("game", "g19").containsEntry("creator", "g19").containsEntry("age_ms", 19_000L);
        assertThat(lobby.listed()).isEqualTo(20);
    }

    @Test
    void changesWithinAnInterval_areFoldedIntoOneBroadcast_withTheNewestHundred() throws Exception {
        watch();
        for (int i = 0; i < 150; i++) {
            open.put("g" + i, clock.get() + i);
            lobby.touched("g" + i);
        }
        await().atMost(WAIT).until(() -> lobby.touchesHandled() == 150);
        // the first change went out at once; the clock has not moved since: the rest wait for the interval
        assertThat(sent).hasSize(1);
        assertThat(games(sent.get(0))).containsExactly("g0");
        clock.addAndGet(INTERVAL.toMillis());
        await().atMost(WAIT).until(() -> sent.size() == 2);
        Map<String, Object> list = sent.get(1);
        assertThat(list.get("total")).isEqualTo(150);
        assertThat(games(list)).hasSize(Lobby.MAX_LISTED).startsWith("g149", "g148").doesNotContain("g49");

        open.remove("g149"); // taken: unlisted at the next interval
        lobby.touched("g149");
        await().atMost(WAIT).until(() -> lobby.touchesHandled() == 151);
        assertThat(sent).hasSize(2);
        clock.addAndGet(INTERVAL.toMillis());
        await().atMost(WAIT).until(() -> sent.size() == 3);
        assertThat(games(sent.get(2))).startsWith("g148").contains("g49").doesNotContain("g149");
    }

    @Test
    void aKilledLobbyComesBack_rebuildsTheListForItsWatchers_andForgetsItWhenTheLastLeaves() throws Exception {
        open.put("moon", clock.get());
        watch();
        Pid first = lobby.name().whereis().orElseThrow();
        open.put("diva", clock.get() + 1); // not touched: only the rebuild can see it
        clock.addAndGet(INTERVAL.toMillis());

        Proc.exit(first, ExitReason.kill());
        await().atMost(WAIT).until(() -> lobby.name().whereis().filter(p -> !p.equals(first)).isPresent());
        await().atMost(WAIT).until(() -> sent.size() == 1);
        assertThat(games(sent.get(0))).containsExactly("diva", "moon");

        watchers.forEach(p -> Proc.exit(p, ExitReason.kill()));
        await().atMost(WAIT).until(() -> lobby.listed() == 0 && lobby.watching() == 0);
        long handled = lobby.touchesHandled();
        lobby.touched("moon");
        assertThat(lobby.touchesHandled()).isEqualTo(handled);
    }
}
