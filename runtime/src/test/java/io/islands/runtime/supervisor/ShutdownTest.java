package io.islands.runtime.supervisor;

import static io.islands.runtime.supervisor.Procs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.Exit;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The three shutdown kinds: a timeout then kill, brutal kill, and infinity. */
class ShutdownTest {
    final List<String> log = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();

    @Test
    void aChildThatIgnoresShutdownIsKilledWhenItsTimeoutExpires() {
        Duration timeout = Duration.ofMillis(200);
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                ChildSpec.worker("stubborn", Stubborn.start(seen)).withShutdown(Shutdown.timeout(timeout)))));
        CompletableFuture<ExitReason> childExit = Procs.exitOf(Procs.pidOf(sup, "stubborn"));

        long t0 = System.nanoTime();
        Supervisor.stop(sup);
        long elapsed = System.nanoTime() - t0;

        assertThat(Procs.reasonOf(childExit)).isEqualTo(ExitReason.killed());
        assertThat(seen).containsExactly(new Exit(sup, ExitReason.shutdown()));
        assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(timeout); // about time: it waited
    }

    @Test
    void aChildThatHonoursShutdownExitsWithShutdownAndRunsTerminate() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(Worker.spec("w", log))));
        CompletableFuture<ExitReason> childExit = Procs.exitOf(Procs.pidOf(sup, "w"));
        Supervisor.stop(sup);
        assertThat(Procs.reasonOf(childExit)).isEqualTo(ExitReason.shutdown());
        assertThat(log).containsExactly("start w", "stop w");
    }

    @Test
    void brutalKillKillsAtOnce_terminateDoesNotRun() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                Worker.spec("w", log).withShutdown(Shutdown.brutalKill()))));
        CompletableFuture<ExitReason> childExit = Procs.exitOf(Procs.pidOf(sup, "w"));
        Supervisor.stop(sup);
        assertThat(Procs.reasonOf(childExit)).isEqualTo(ExitReason.killed());
        assertThat(log).containsExactly("start w");
    }

    @Test
    void infinityWaitsForTheChildHoweverLongItTakes() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                ChildSpec.worker("slow", Stubborn.start(seen)).withShutdown(Shutdown.infinity()))));
        Pid child = Procs.pidOf(sup, "slow");
        CompletableFuture<ExitReason> childExit = Procs.exitOf(child);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> Supervisor.stop(sup));
        await().until(() -> seen.contains(new Exit(sup, ExitReason.shutdown())));

        // this test is about time: longer than a worker's usual timeout would be a flaky test, so
        // wait a while and see that nothing kills the child meanwhile
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(child.isAlive()).isTrue();
        assertThat(sup.isAlive()).isTrue();
        assertThat(stopped).isNotDone();

        Proc.send(child, "release");
        Procs.join(stopped);
        assertThat(Procs.reasonOf(childExit)).isEqualTo(ExitReason.shutdown());
        assertThat(sup.isAlive()).isFalse();
    }

    @Test
    void aSupervisorChildDefaultsToInfinity_aWorkerTo5Seconds() {
        assertThat(ChildSpec.supervisor("s", () -> null).shutdown()).isEqualTo(Shutdown.infinity());
        assertThat(ChildSpec.worker("w", () -> null).shutdown()).isEqualTo(Shutdown.timeout(Duration.ofSeconds(5)));
        assertThat(ChildSpec.worker("w", () -> null).restart()).isEqualTo(Restart.PERMANENT);
        assertThat(ChildSpec.worker("w", () -> null).type()).isEqualTo(ChildType.WORKER);
    }

    @Test
    void dynamicSupervisorStopsItsChildrenConcurrently_everyChildIsSignalledBeforeAnyFinishes() {
        // Each child, told to shut down, arrives at a latch and may finish only once all have
        // arrived: stopped one after another, the first would wait alone and exit "alone".
        int n = 5;
        CountDownLatch arrived = new CountDownLatch(n);
        Pid sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults()));
        List<CompletableFuture<ExitReason>> exits = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pid child = DynamicSupervisor.startChild(sup, ChildSpec.worker("r" + i, rendezvous(sup, arrived))
                    .withShutdown(Shutdown.timeout(Duration.ofSeconds(30)))).pid();
            exits.add(Procs.exitOf(child));
        }

        Supervisor.stop(sup);

        assertThat(exits).allSatisfy(f -> assertThat(Procs.reasonOf(f)).isEqualTo(ExitReason.shutdown()));
    }

    /**
     * A child that traps exits; on its supervisor's shutdown signal it counts {@code arrived}
     * down, then waits (up to 10 s) for every other child to arrive before it exits with
     * shutdown, or exits with "alone" if they never do.
     */
    static ChildStart rendezvous(Pid sup, CountDownLatch arrived) {
        return () -> {
            CompletableFuture<Void> trapping = new CompletableFuture<>();
            Pid pid = Proc.spawnLink(() -> {
                Proc.trapExit(true);
                trapping.complete(null);
                Proc.receive(Exit.class, e -> e.from().equals(sup), null);
                arrived.countDown();
                boolean all;
                try {
                    all = arrived.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    all = false;
                }
                throw Proc.exit(all ? ExitReason.shutdown() : ExitReason.other("alone"));
            });
            trapping.join();
            return new StartResult.Ok(pid);
        };
    }

    @Test
    void dynamicSupervisorKillsOnlyItsLateChildren_theOthersStopAsTheirShutdownSays() {
        Pid sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults()));
        Duration timeout = Duration.ofMillis(300);
        List<CompletableFuture<ExitReason>> stubborn = new java.util.ArrayList<>();
        List<CompletableFuture<ExitReason>> polite = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Pid s = DynamicSupervisor.startChild(sup, ChildSpec.worker("s" + i, Stubborn.start(seen))
                    .withShutdown(Shutdown.timeout(timeout))).pid();
            stubborn.add(Procs.exitOf(s));
            polite.add(Procs.exitOf(DynamicSupervisor.startChild(sup, Worker.spec("w" + i, log)).pid()));
        }
        CompletableFuture<ExitReason> brutal = Procs.exitOf(DynamicSupervisor.startChild(sup,
                Worker.spec("b", log).withShutdown(Shutdown.brutalKill())).pid());

        long t0 = System.nanoTime();
        Supervisor.stop(sup);
        System.out.printf("stopped 4 stubborn children (timeout %d ms each) and 5 others in %d ms%n",
                timeout.toMillis(), (System.nanoTime() - t0) / 1_000_000);

        assertThat(stubborn).allSatisfy(f -> assertThat(Procs.reasonOf(f)).isEqualTo(ExitReason.killed()));
        assertThat(polite).allSatisfy(f -> assertThat(Procs.reasonOf(f)).isEqualTo(ExitReason.shutdown()));
        assertThat(Procs.reasonOf(brutal)).isEqualTo(ExitReason.killed());
        assertThat(log).doesNotContain("stop b").contains("stop w0", "stop w3");
    }
}
