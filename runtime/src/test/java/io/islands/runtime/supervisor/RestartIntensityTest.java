package io.islands.runtime.supervisor;

import static io.islands.runtime.supervisor.Procs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** OTP's add_restart: more than intensity restarts within the period and the supervisor gives up. */
class RestartIntensityTest {
    final List<String> log = new CopyOnWriteArrayList<>();

    /** Crashes child {@code id} and waits until the supervisor has restarted it. */
    static void crashAndAwaitRestart(Pid sup, String id) {
        Pid old = Procs.pidOf(sup, id);
        GenServer.cast(old, ExitReason.other("boom"));
        await().until(() -> Procs.pidOf(sup, id) != null && !Procs.pidOf(sup, id).equals(old));
    }

    @Test
    void moreThanIntensityRestartsInThePeriod_stopTheChildrenInReverse_andExitShutdown() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne().withIntensity(2, Duration.ofSeconds(30)),
                List.of(Worker.spec("a", log), Worker.spec("b", log), Worker.spec("c", log))));
        CompletableFuture<ExitReason> supExit = Procs.exitOf(sup);
        crashAndAwaitRestart(sup, "b");
        crashAndAwaitRestart(sup, "b");
        List<Pid> children = RestartMatrixTest.pids(sup).values().stream().toList();
        log.clear();

        GenServer.cast(Procs.pidOf(sup, "b"), ExitReason.other("boom")); // the third restart: 3 > 2

        assertThat(Procs.reasonOf(supExit)).isEqualTo(ExitReason.shutdown());
        assertThat(log).containsExactly("stop b", "stop c", "stop a");
        assertThat(children).noneMatch(Pid::isAlive);
    }

    @Test
    void intensityZero_theFirstRestartIsTooMany() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne().withIntensity(0, Duration.ofSeconds(30)),
                List.of(Worker.plain("a"), Worker.plain("b").withRestart(Restart.TRANSIENT))));
        CompletableFuture<ExitReason> supExit = Procs.exitOf(sup);
        GenServer.cast(Procs.pidOf(sup, "b"), ExitReason.normal()); // not a restart: no count
        await().until(() -> Procs.pidOf(sup, "b") == null);
        assertThat(sup.isAlive()).isTrue();

        GenServer.cast(Procs.pidOf(sup, "a"), ExitReason.other("boom"));

        assertThat(Procs.reasonOf(supExit)).isEqualTo(ExitReason.shutdown());
    }

    @Test
    void restartsSpacedBeyondThePeriodAreForgotten() {
        Duration period = Duration.ofSeconds(5);
        AtomicLong nanos = new AtomicLong(); // the supervisor's clock, moved by hand
        SupervisorFlags flags = SupervisorFlags.oneForOne().withIntensity(1, period);
        List<ChildSpec> children = Supervisor.validate(flags, List.of(Worker.plain("a")));
        Pid sup = Procs.started(GenServer.start(new SupervisorServer(flags, children, nanos::get)));
        CompletableFuture<ExitReason> supExit = Procs.exitOf(sup);
        for (int i = 0; i < 3; i++) {
            crashAndAwaitRestart(sup, "a");
            nanos.addAndGet(period.toNanos() + 1); // the last restart leaves the window
        }
        assertThat(sup.isAlive()).isTrue();

        // the same two restarts with the clock moved by exactly the period: both still in the
        // window (a restart leaves it only once it is older than the period), one too many
        crashAndAwaitRestart(sup, "a");
        nanos.addAndGet(period.toNanos());
        GenServer.cast(Procs.pidOf(sup, "a"), ExitReason.other("boom"));
        assertThat(Procs.reasonOf(supExit)).isEqualTo(ExitReason.shutdown());
    }

    @Test
    void aFailingRestartIsRetried_andEachRetryCountsTowardsTheIntensity() {
        AtomicInteger starts = new AtomicInteger();
        ChildStart failsAfterTheFirst = () -> starts.incrementAndGet() == 1
                ? GenServer.startLink(new Worker("x", null, false))
                : new StartResult.Error(ExitReason.other("cannot start"));
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(ChildSpec.worker("x", failsAfterTheFirst))));
        CompletableFuture<ExitReason> supExit = Procs.exitOf(sup);

        GenServer.cast(Procs.pidOf(sup, "x"), ExitReason.other("boom"));

        assertThat(Procs.reasonOf(supExit)).isEqualTo(ExitReason.shutdown());
        assertThat(starts.get()).as("the first start, then 3 restarts that fail; the 4th is over the intensity").isEqualTo(4);
    }

    @Test
    void aSupervisorThatGivesUpIsRestartedByItsParentOnlyIfPermanent() {
        SupervisorFlags strict = SupervisorFlags.oneForOne().withIntensity(0, Duration.ofSeconds(30));
        Pid top = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                Supervisor.childSpec("permanent", strict, List.of(Worker.plain("p1"))),
                Supervisor.childSpec("transient", strict, List.of(Worker.plain("t1"))).withRestart(Restart.TRANSIENT))));
        Pid permanent = Procs.pidOf(top, "permanent");
        Pid transientSup = Procs.pidOf(top, "transient");

        GenServer.cast(Procs.pidOf(permanent, "p1"), ExitReason.other("boom"));
        GenServer.cast(Procs.pidOf(transientSup, "t1"), ExitReason.other("boom"));

        await().until(() -> Procs.pidOf(top, "permanent") != null && !Procs.pidOf(top, "permanent").equals(permanent)
                && Procs.info(top, "transient").orElseThrow().pid().isEmpty());
        assertThat(Supervisor.countChildren(top)).isEqualTo(new Counts(2, 1, 2, 0));
        assertThat(Procs.pidOf(Procs.pidOf(top, "permanent"), "p1")).isNotNull();
        Supervisor.stop(top);
    }
}
