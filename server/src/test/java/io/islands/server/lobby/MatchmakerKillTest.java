package io.islands.server.lobby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import io.islands.engine.process.Games;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import io.islands.server.game.GameStateCodec;
import io.islands.server.game.Seats;
import io.islands.server.game.SeatsRecord;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.KeySpace;
import io.islands.storage.StateStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The matchmaker survives its own crash: killed while it pairs two players (their entries marked,
 * their game not made yet), its supervisor starts it again, the new one unmarks the entries and
 * pairs the same two players, first come first served; nobody waiting is lost. Real seats and
 * games on memory stores; the waiting channels are plain processes that keep what they are told.
 */
class MatchmakerKillTest {
    private static final AtomicInteger N = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private CloseableStateStore<GameState> gameStore;
    private CloseableStateStore<SeatsRecord> seatStore;
    private Games games;
    private Seats seats;
    private Pid supervisor;
    private final List<Pid> players = new ArrayList<>();

    @BeforeEach
    void open() {
        gameStore = StateStores.open("memory:", GameStateCodec.INSTANCE, 3);
        seatStore = StateStores.open("memory:", SeatsRecord.CODEC, 1);
        games = Games.start(Games.Config.defaults(KeySpace.root(gameStore)));
        seats = new Seats(KeySpace.named(Seats.SPACE, seatStore), games::started, System::currentTimeMillis,
                Duration.ofMinutes(5), Name.local("matchmaker-kill-test.seats." + N.incrementAndGet()));
    }

    @AfterEach
    void close() {
        players.forEach(p -> Proc.exit(p, ExitReason.kill()));
        if (supervisor != null) {
            Supervisor.stop(supervisor);
        }
        games.close();
        seatStore.close();
        gameStore.close();
    }

    /** A waiting "channel": a process that puts every message it gets on {@code inbox}. */
    private Pid player(BlockingQueue<Object> inbox) {
        Pid p = Proc.spawn(() -> {
            for (int i = 0; i < 10; i++) {
                Optional<Object> m = Proc.receive(Duration.ofSeconds(30));
                if (m.isEmpty()) {
                    return;
                }
                inbox.add(m.get());
            }
        });
        players.add(p);
        return p;
    }

    @Test
    void aMatchmakerKilledWhilePairing_losesNoWaitingPlayer_andItsSuccessorPairsThemFirstComeFirstServed()
            throws Exception {
        CountDownLatch pairing = new CountDownLatch(1);
        AtomicInteger pairings = new AtomicInteger();
        Name name = Name.local("matchmaker-kill-test.matchmaker." + N.get());
        Matchmaker matchmaker = new Matchmaker(new SeatedGames(seats, io.islands.server.cluster.GameRouter.local(games), game -> { }), name, () -> {
            if (pairings.incrementAndGet() == 1) { // the first matchmaker stops here until it is killed
                pairing.countDown();
                Proc.receive(m -> false, Duration.ofSeconds(30));
                throw new AssertionError("the matchmaker was not killed while pairing");
            }
        });
        StartResult started = Supervisor.start(SupervisorFlags.oneForOne(),
                List.of(seats.childSpec("seats"), matchmaker.childSpec("matchmaker")));
        supervisor = started.pid();

        BlockingQueue<Object> moon = new LinkedBlockingQueue<>();
        BlockingQueue<Object> diva = new LinkedBlockingQueue<>();
        BlockingQueue<Object> sun = new LinkedBlockingQueue<>();
        assertThat(matchmaker.enqueue("moon", player(moon))).isEmpty();
        assertThat(matchmaker.enqueue("diva", player(diva))).isEmpty();
        assertThat(pairing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the matchmaker reached its pairing").isTrue();
        assertThat(matchmaker.enqueue("sun", player(sun))).isEmpty(); // arrives while the pair is being made
        Pid first = name.whereis().orElseThrow();
        assertThat(matchmaker.waiting()).isEqualTo(3);

        Proc.exit(first, ExitReason.kill());

        Matchmaker.Matched toMoon = (Matchmaker.Matched) moon.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        Matchmaker.Matched toDiva = (Matchmaker.Matched) diva.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(toMoon).as("moon's match after the kill").isNotNull();
        assertThat(toDiva).as("diva's match after the kill").isNotNull();
        assertThat(toMoon.game()).isEqualTo("moon").isEqualTo(toDiva.game());
        assertThat(toMoon.role()).isEqualTo("player1");
        assertThat(toDiva.role()).isEqualTo("player2");
        assertThat(toMoon.opponent()).isEqualTo("diva");
        assertThat(name.whereis()).isPresent().get().isNotEqualTo(first);
        assertThat(pairings.get()).isEqualTo(2);
        // the game was made once, with both seats: each token opens its own seat
        assertThat(games.viewByName("moon", Optional.of("diva")).role()).contains(Player.PLAYER2);
        assertThat(seats.holds("moon", "moon", toMoon.token())).isTrue();
        assertThat(seats.holds("moon", "diva", toDiva.token())).isTrue();
        // sun, who came third, still waits: nobody lost, nobody matched twice
        assertThat(matchmaker.waiting()).isEqualTo(1);
        assertThat(sun).isEmpty();
        assertThat(matchmaker.matches()).isEqualTo(1);

        BlockingQueue<Object> star = new LinkedBlockingQueue<>();
        assertThat(matchmaker.enqueue("star", player(star))).isEmpty();
        Matchmaker.Matched toSun = (Matchmaker.Matched) sun.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(toSun).isNotNull();
        assertThat(toSun.game()).isEqualTo("sun");
        assertThat(((Matchmaker.Matched) star.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).opponent()).isEqualTo("sun");
        await().atMost(WAIT).until(() -> matchmaker.waiting() == 0);
        assertThat(moon).isEmpty(); // no second match for the pair made after the kill
        assertThat(diva).isEmpty();
    }

    @Test
    void aCancelWhileBeingPaired_isRefused_andTheMatchStillArrives() throws Exception {
        CountDownLatch pairing = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Name name = Name.local("matchmaker-kill-test.matchmaker." + N.get());
        Matchmaker matchmaker = new Matchmaker(new SeatedGames(seats, io.islands.server.cluster.GameRouter.local(games), game -> { }), name, () -> {
            pairing.countDown();
            try {
                go.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        supervisor = Supervisor.start(SupervisorFlags.oneForOne(),
                List.of(seats.childSpec("seats"), matchmaker.childSpec("matchmaker"))).pid();
        BlockingQueue<Object> moon = new LinkedBlockingQueue<>();
        BlockingQueue<Object> diva = new LinkedBlockingQueue<>();
        Pid moonPid = player(moon);
        assertThat(matchmaker.enqueue("moon", moonPid)).isEmpty();
        assertThat(matchmaker.enqueue("moon", player(new LinkedBlockingQueue<>()))).contains("already_waiting");
        assertThat(matchmaker.enqueue("diva", player(diva))).isEmpty();
        assertThat(pairing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(matchmaker.cancel("moon", moonPid)).as("cancel while being paired").isFalse();
        go.countDown();
        assertThat(moon.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(Matchmaker.Matched.class);
        assertThat(diva.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(Matchmaker.Matched.class);
    }
}
