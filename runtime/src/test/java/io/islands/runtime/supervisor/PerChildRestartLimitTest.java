package io.islands.runtime.supervisor;

import static io.islands.runtime.supervisor.Procs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamicSupervisor's per-child restart limit: one game that keeps crashing is stopped
 * alone; many games each crashing once are all restarted and nothing else stops.
 */
class PerChildRestartLimitTest {
    final LinkedBlockingQueue<GivenUp> givenUp = new LinkedBlockingQueue<>();
    Pid sup;

    @AfterEach
    void stop() {
        if (sup != null && sup.isAlive()) {
            Supervisor.stop(sup);
        }
    }

    Pid start(DynamicSupervisor.Options options) {
        sup = Procs.started(DynamicSupervisor.start(options.withOnGiveUp(givenUp::add)));
        return sup;
    }

    /** Crashes {@code pid}, a child of {@code sup}, and returns its replacement once running. */
    static Pid crashAndAwaitRestart(Pid sup, Object id, Pid pid) {
        GenServer.cast(pid, ExitReason.other("boom"));
        return await().until(() -> DynamicSupervisor.whichChildren(sup).stream()
                .filter(c -> c.id().equals(id)).flatMap(c -> c.pid().stream()).findFirst().orElse(pid), p -> !p.equals(pid));
    }

    @Test
    void oneChildThatKeepsCrashingIsStoppedAlone() {
        start(DynamicSupervisor.Options.defaults().withIntensity(DynamicSupervisor.UNLIMITED, Duration.ofSeconds(5))
                .withMaxRestartsPerChild(3, Duration.ofSeconds(30)));
        List<Pid> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(DynamicSupervisor.startChild(sup, Worker.plain("game-" + i)).pid());
        }
        Pid crasher = DynamicSupervisor.startChild(sup, Worker.plain("crasher")).pid();
        for (int i = 0; i < 3; i++) {
            crasher = crashAndAwaitRestart(sup, "crasher", crasher);
        }

        GenServer.cast(crasher, ExitReason.other("boom")); // the 4th restart within 30 s: over the limit of 3

        GivenUp event = Procs.take(givenUp);
        assertThat(event).isEqualTo(new GivenUp("crasher", crasher, ExitReason.other("boom"), 4));
        assertThat(DynamicSupervisor.whichChildren(sup)).extracting(ChildInfo::id).doesNotContain("crasher");
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(10, 10, 0, 10));
        assertThat(others).allMatch(Pid::isAlive);
        assertThat(sup.isAlive()).isTrue();
    }

    @Test
    void aThousandChildrenEachCrashingOnceWithinASecondAreAllRestarted() {
        start(DynamicSupervisor.Options.defaults().withIntensity(DynamicSupervisor.UNLIMITED, Duration.ofSeconds(5))
                .withMaxRestartsPerChild(3, Duration.ofSeconds(1)));
        Set<Pid> first = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            first.add(DynamicSupervisor.startChild(sup, Worker.plain("game-" + i)).pid());
        }

        first.forEach(p -> GenServer.cast(p, ExitReason.other("boom")));

        await().until(() -> DynamicSupervisor.whichChildren(sup).stream()
                .allMatch(c -> c.pid().isPresent() && !first.contains(c.pid().get()) && c.pid().get().isAlive()));
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(1000, 1000, 0, 1000));
        assertThat(first).noneMatch(Pid::isAlive);
        assertThat(givenUp).isEmpty();
        assertThat(sup.isAlive()).isTrue();
    }

    @Test
    void aGivenUpChildDoesNotCountTowardsTheSupervisorWideIntensity() {
        start(DynamicSupervisor.Options.defaults().withIntensity(2, Duration.ofSeconds(30))
                .withMaxRestartsPerChild(1, Duration.ofSeconds(30)));
        Pid x = DynamicSupervisor.startChild(sup, Worker.plain("x")).pid();
        Pid y = DynamicSupervisor.startChild(sup, Worker.plain("y")).pid();
        x = crashAndAwaitRestart(sup, "x", x);                 // supervisor-wide: 1
        GenServer.cast(x, ExitReason.other("boom"));           // x's 2nd restart: x is given up, not counted
        assertThat(Procs.take(givenUp).id()).isEqualTo("x");
        crashAndAwaitRestart(sup, "y", y);                     // supervisor-wide: 2, still within 2
        assertThat(sup.isAlive()).isTrue();
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(1, 1, 0, 1));
    }

    @Test
    void aChildWhoseRestartKeepsFailingIsGivenUpToo() {
        start(DynamicSupervisor.Options.defaults().withMaxRestartsPerChild(2, Duration.ofSeconds(30)));
        AtomicInteger starts = new AtomicInteger();
        Pid child = DynamicSupervisor.startChild(sup, ChildSpec.worker("flaky", () -> starts.incrementAndGet() == 1
                ? GenServer.startLink(new Worker("flaky", null, false))
                : new StartResult.Error(ExitReason.other("cannot start")))).pid();

        GenServer.cast(child, ExitReason.other("boom"));

        assertThat(Procs.take(givenUp)).isEqualTo(new GivenUp("flaky", child, ExitReason.other("cannot start"), 3));
        assertThat(starts.get()).isEqualTo(3); // the first start, then 2 failed restarts
        assertThat(sup.isAlive()).isTrue();
        assertThat(DynamicSupervisor.countChildren(sup).specs()).isZero();
    }
}
