package io.islands.runtime.supervisor;

import static io.islands.runtime.supervisor.Procs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Registry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded chaos: 100,000 permanent children, each registered under its own key in a unique
 * Registry, then random exits. Afterwards every child is alive exactly once, the registry holds
 * exactly the live children, and once the supervisor stops no process is left behind. Rerun a
 * failure with {@code -Dislands.seed=SEED}.
 */
class DynamicStressTest {
    static final int N = 100_000;
    static final int ROUNDS = 5;
    static final int KILLS_PER_ROUND = 2_000;

    @Test
    void randomKillsLeaveEveryPermanentChildAliveExactlyOnce() {
        long seed = Long.getLong("islands.seed", System.nanoTime());
        System.out.println("DynamicStressTest seed=" + seed + " (rerun with -Dislands.seed=" + seed + ")");
        Random random = new Random(seed);
        Set<Pid> baseline = new HashSet<>(Proc.all());
        Registry games = Registry.unique("stress-games");
        Pid sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults()
                .withIntensity(DynamicSupervisor.UNLIMITED, Duration.ofSeconds(5))));
        Procs.inProcess(() -> {
            for (int i = 0; i < N; i++) {
                String key = "game-" + i;
                DynamicSupervisor.startChild(sup, ChildSpec.worker(key, () -> GenServer.startLink(
                        new Worker(key, null, false), GenServer.StartOptions.named(games.via(key))))).pid();
            }
            return null;
        });
        assertThat(games.count()).as("seed %d", seed).isEqualTo(N);

        List<ExitReason> reasons = List.of(ExitReason.kill(), ExitReason.other("chaos"), ExitReason.shutdown(),
                ExitReason.normal()); // normal from another process is dropped: a no-op kill
        int signalled = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < KILLS_PER_ROUND; k++) {
                Optional<Pid> victim = games.whereis("game-" + random.nextInt(N));
                ExitReason reason = reasons.get(random.nextInt(reasons.size()));
                if (victim.isPresent()) {
                    if (random.nextInt(4) == 0) {
                        GenServer.cast(victim.get(), ExitReason.normal()); // exits normal: permanent, so restarted
                    } else {
                        Proc.exit(victim.get(), reason);
                    }
                    signalled++;
                }
            }
        }
        System.out.printf("seed=%d: %,d exits sent in %d rounds%n", seed, signalled, ROUNDS);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> DynamicSupervisor.countChildren(sup).equals(new Counts(N, N, 0, N)) && games.count() == N
                        && registeredAndAlive(games).size() == N);

        Set<Pid> registered = registeredAndAlive(games);
        Set<Pid> supervised = new HashSet<>();
        DynamicSupervisor.whichChildren(sup).forEach(c -> supervised.add(c.pid().orElseThrow()));
        assertThat(registered).as("seed %d: distinct live registered children", seed).hasSize(N);
        assertThat(supervised).as("seed %d: the supervisor's children are the registered ones", seed).isEqualTo(registered);
        assertThat(games.count()).as("seed %d: no leaked registry entries", seed).isEqualTo(N);

        long t0 = System.nanoTime();
        Supervisor.stop(sup);
        System.out.printf("seed=%d: stopped %,d children in %d ms%n", seed, N, (System.nanoTime() - t0) / 1_000_000);
        await().until(() -> games.count() == 0);
        await().until(() -> baseline.containsAll(Proc.all()));
        assertThat(Proc.count()).as("seed %d: no leaked processes", seed).isLessThanOrEqualTo(baseline.size());
    }

    /** @return the distinct live pids registered under game-0 ... game-(N-1) */
    static Set<Pid> registeredAndAlive(Registry games) {
        Set<Pid> out = new HashSet<>();
        for (int i = 0; i < N; i++) {
            games.whereis("game-" + i).filter(Pid::isAlive).ifPresent(out::add);
        }
        return out;
    }
}
