package io.islands.runtime.supervisor;

import static io.islands.runtime.supervisor.Procs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** whichChildren, countChildren, terminateChild, restartChild, deleteChild, startChild and their errors. */
class ManagementTest {
    final Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(
            Worker.plain("a"),
            Supervisor.childSpec("s", SupervisorFlags.oneForOne(), List.of(Worker.plain("s1"))),
            Worker.plain("t").withRestart(Restart.TEMPORARY))));

    @AfterEach
    void stop() {
        if (sup.isAlive()) {
            Supervisor.stop(sup);
        }
    }

    static ChildResult error(SupervisorError e) {
        return ChildResult.error(e);
    }

    @Test
    void whichChildrenAndCountChildren() {
        List<ChildInfo> children = Supervisor.whichChildren(sup);
        assertThat(children).extracting(ChildInfo::id).containsExactly("a", "s", "t");
        assertThat(children).extracting(ChildInfo::type).containsExactly(ChildType.WORKER, ChildType.SUPERVISOR, ChildType.WORKER);
        assertThat(children).extracting(ChildInfo::restart).containsExactly(Restart.PERMANENT, Restart.PERMANENT, Restart.TEMPORARY);
        assertThat(children).allSatisfy(c -> assertThat(c.pid()).isPresent().get().matches(Pid::isAlive));
        assertThat(children).noneMatch(ChildInfo::restarting);
        assertThat(Supervisor.countChildren(sup)).isEqualTo(new Counts(3, 3, 1, 2));
    }

    @Test
    void terminateChild_stopsItAndKeepsItsSpec_aTemporarySpecIsRemoved() {
        CompletableFuture<ExitReason> aExit = Procs.exitOf(Procs.pidOf(sup, "a"));
        assertThat(Supervisor.terminateChild(sup, "a")).isEqualTo(ChildResult.OK);
        assertThat(Procs.reasonOf(aExit)).isEqualTo(ExitReason.shutdown());
        assertThat(Procs.info(sup, "a")).hasValueSatisfying(i -> assertThat(i.pid()).isEmpty());
        assertThat(Supervisor.terminateChild(sup, "a")).as("again: nothing to stop").isEqualTo(ChildResult.OK);

        assertThat(Supervisor.terminateChild(sup, "t")).isEqualTo(ChildResult.OK);
        assertThat(Procs.info(sup, "t")).isEmpty();
        assertThat(Supervisor.terminateChild(sup, "nope")).isEqualTo(error(SupervisorError.NOT_FOUND));
        assertThat(Supervisor.countChildren(sup)).isEqualTo(new Counts(2, 1, 1, 1));
    }

    @Test
    void restartChild_onlyForATerminatedChild() {
        assertThat(Supervisor.restartChild(sup, "a")).isEqualTo(SupervisorError.RUNNING.result());
        assertThat(Supervisor.restartChild(sup, "nope")).isEqualTo(SupervisorError.NOT_FOUND.result());
        Supervisor.terminateChild(sup, "a");

        StartResult r = Supervisor.restartChild(sup, "a");

        assertThat(r).isInstanceOf(StartResult.Ok.class);
        assertThat(Procs.pidOf(sup, "a")).isEqualTo(r.pid());
        assertThat(SupervisorError.of(Supervisor.restartChild(sup, "a"))).contains(SupervisorError.RUNNING);
    }

    @Test
    void deleteChild_onlyForATerminatedChild() {
        assertThat(Supervisor.deleteChild(sup, "a")).isEqualTo(error(SupervisorError.RUNNING));
        assertThat(Supervisor.deleteChild(sup, "nope")).isEqualTo(error(SupervisorError.NOT_FOUND));
        Supervisor.terminateChild(sup, "a");
        assertThat(Supervisor.deleteChild(sup, "a").isOk()).isTrue();
        assertThat(Supervisor.whichChildren(sup)).extracting(ChildInfo::id).containsExactly("s", "t");
        assertThat(Supervisor.deleteChild(sup, "a")).isEqualTo(error(SupervisorError.NOT_FOUND));
    }

    @Test
    void startChild_addsAtTheEnd_andReportsAlreadyStartedAlreadyPresentAndStartErrors() {
        StartResult r = Supervisor.startChild(sup, Worker.plain("b"));
        assertThat(r).isInstanceOf(StartResult.Ok.class);
        assertThat(Supervisor.whichChildren(sup)).extracting(ChildInfo::id).containsExactly("a", "s", "t", "b");

        assertThat(Supervisor.startChild(sup, Worker.plain("b"))).isEqualTo(new StartResult.AlreadyStarted(r.pid()));
        Supervisor.terminateChild(sup, "b");
        assertThat(Supervisor.startChild(sup, Worker.plain("b"))).isEqualTo(SupervisorError.ALREADY_PRESENT.result());

        StartResult failed = Supervisor.startChild(sup, ChildSpec.worker("bad", () -> new StartResult.Error(ExitReason.other("nope"))));
        assertThat(failed).isEqualTo(new StartResult.Error(ExitReason.other("nope")));
        assertThat(Procs.info(sup, "bad")).isEmpty();

        assertThat(Supervisor.startChild(sup, ChildSpec.worker("ignored", () -> GenServer.startLink(InitResult::ignore))))
                .isEqualTo(new StartResult.Ignore());
        assertThat(Procs.info(sup, "ignored")).hasValueSatisfying(i -> assertThat(i.pid()).isEmpty());
        assertThat(Supervisor.startChild(sup, ChildSpec.worker("tmp", () -> GenServer.startLink(InitResult::ignore))
                .withRestart(Restart.TEMPORARY))).isEqualTo(new StartResult.Ignore());
        assertThat(Procs.info(sup, "tmp")).isEmpty();
    }

    @Test
    void aChildWhoseRestartKeepsFailingShowsAsRestarting_terminateChildCancelsTheRetries() {
        AtomicBoolean broken = new AtomicBoolean(false);
        ChildStart start = () -> {
            if (broken.get()) {
                Proc.receive(m -> false, Duration.ofMillis(10)); // a slow failure: leaves room for calls
                return new StartResult.Error(ExitReason.other("broken"));
            }
            return GenServer.startLink(new Worker("r", null, false));
        };
        Pid local = Procs.started(Supervisor.start(SupervisorFlags.oneForOne().withIntensity(10_000, Duration.ofSeconds(60)),
                List.of(ChildSpec.worker("r", start))));
        broken.set(true);
        GenServer.cast(Procs.pidOf(local, "r"), ExitReason.other("boom"));

        await().until(() -> Procs.info(local, "r").orElseThrow().restarting());
        assertThat(Procs.info(local, "r").orElseThrow().pid()).isEmpty();
        assertThat(Supervisor.restartChild(local, "r")).isEqualTo(SupervisorError.RESTARTING.result());
        assertThat(Supervisor.deleteChild(local, "r")).isEqualTo(error(SupervisorError.RESTARTING));
        assertThat(Supervisor.countChildren(local)).isEqualTo(new Counts(1, 0, 0, 1));

        assertThat(Supervisor.terminateChild(local, "r").isOk()).isTrue();
        assertThat(Procs.info(local, "r").orElseThrow()).satisfies(i -> {
            assertThat(i.restarting()).isFalse();
            assertThat(i.pid()).isEmpty();
        });
        broken.set(false);
        assertThat(Supervisor.restartChild(local, "r")).isInstanceOf(StartResult.Ok.class);
        Supervisor.stop(local);
    }

    @Test
    void functionsOfTheOtherKindOfSupervisorAreUnsupported() {
        Pid dyn = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults()));
        assertThatThrownBy(() -> Supervisor.terminateChild(dyn, "a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Supervisor.restartChild(dyn, "a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Supervisor.deleteChild(dyn, "a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> DynamicSupervisor.terminateChild(sup, Procs.pidOf(sup, "a")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Supervisor.countChildren(dyn)).isEqualTo(new Counts(0, 0, 0, 0));
        Supervisor.stop(dyn);
        assertThat(sup.isAlive()).isTrue();
    }
}
