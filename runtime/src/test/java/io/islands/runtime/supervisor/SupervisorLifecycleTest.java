package io.islands.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static io.islands.runtime.supervisor.Procs.await;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Start order, reverse stop order, aborted starts, ignore, names and the parent's exit signal. */
class SupervisorLifecycleTest {
    final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void childrenStartInOrderAndStopInReverse_nestedSupervisorsToo() {
        SupervisorFlags flags = SupervisorFlags.oneForOne();
        Pid sup = Procs.started(Supervisor.start(flags, List.of(
                Worker.spec("a", log),
                Worker.spec("b", log),
                Supervisor.childSpec("s", flags, List.of(Worker.spec("s1", log), Worker.spec("s2", log))),
                Worker.spec("c", log))));
        assertThat(log).containsExactly("start a", "start b", "start s1", "start s2", "start c");

        Supervisor.stop(sup);

        assertThat(log).containsExactly("start a", "start b", "start s1", "start s2", "start c",
                "stop c", "stop s2", "stop s1", "stop b", "stop a");
        assertThat(sup.isAlive()).isFalse();
    }

    @Test
    void aChildStartErrorAbortsTheStart_startedChildrenStopInReverse() {
        ChildSpec bad = ChildSpec.worker("bad", () -> new StartResult.Error(ExitReason.other("nope")));
        StartResult result = Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                Worker.spec("a", log), Worker.spec("b", log), bad, Worker.spec("d", log)));

        assertThat(result).isEqualTo(new StartResult.Error(
                ExitReason.shutdown(new FailedToStartChild("bad", ExitReason.other("nope")))));
        assertThat(result.toString()).contains("failed_to_start_child, bad, nope");
        assertThat(log).containsExactly("start a", "start b", "stop b", "stop a");
    }

    @Test
    void aChildWhoseInitThrowsOrWhoseStartThrowsAbortsTheStart() {
        ChildSpec initThrows = ChildSpec.worker("init", () -> GenServer.startLink(() -> {
            throw new IllegalStateException("init failed");
        }));
        StartResult r1 = Supervisor.start(SupervisorFlags.oneForOne(), List.of(Worker.spec("a", log), initThrows));
        assertThat(failure(r1).id()).isEqualTo("init");
        assertThat(failure(r1).reason()).isInstanceOf(ExitReason.Crash.class);

        ChildSpec startThrows = ChildSpec.worker("throws", () -> {
            throw new IllegalStateException("start failed");
        });
        StartResult r2 = Supervisor.start(SupervisorFlags.oneForOne(), List.of(startThrows));
        assertThat(failure(r2).id()).isEqualTo("throws");
        assertThat(((ExitReason.Crash) failure(r2).reason()).error()).hasMessage("start failed");

        ChildSpec returnsNull = ChildSpec.worker("null", () -> null);
        StartResult r3 = Supervisor.start(SupervisorFlags.oneForOne(), List.of(returnsNull));
        assertThat(failure(r3)).isEqualTo(new FailedToStartChild("null", ExitReason.other("bad_start_result")));
        assertThat(log).containsExactly("start a", "stop a");
    }

    static FailedToStartChild failure(StartResult r) {
        ExitReason.Shutdown s = (ExitReason.Shutdown) ((StartResult.Error) r).reason();
        return (FailedToStartChild) s.cause();
    }

    @Test
    void ignoreKeepsTheSpecWithoutPid_butATemporaryIgnoredSpecIsDropped() {
        ChildStart ignores = () -> GenServer.startLink(InitResult::ignore);
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(
                ChildSpec.worker("ignored", ignores),
                ChildSpec.worker("temp", ignores).withRestart(Restart.TEMPORARY),
                Worker.plain("a"))));

        List<ChildInfo> children = Supervisor.whichChildren(sup);
        assertThat(children).extracting(ChildInfo::id).containsExactly("ignored", "a");
        assertThat(children.get(0).pid()).isEmpty();
        assertThat(children.get(0).restarting()).isFalse();
        assertThat(Supervisor.countChildren(sup)).isEqualTo(new Counts(2, 1, 0, 2));
        Supervisor.stop(sup);
    }

    @Test
    void aTakenNameGivesAlreadyStarted() {
        Name name = Name.local("sup-lifecycle-name");
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of(), name));
        assertThat(name.whereis()).contains(sup);
        assertThat(Supervisor.start(SupervisorFlags.oneForOne(), List.of(Worker.spec("x", log)), name))
                .isEqualTo(new StartResult.AlreadyStarted(sup));
        assertThat(log).isEmpty();
        Supervisor.stop(sup);
    }

    @Test
    void startLinkLinksToTheCaller_whoseExitSignalStopsTheTreeInReverse() {
        CompletableFuture<Pid> supPid = new CompletableFuture<>();
        Pid parent = Proc.spawn(() -> {
            supPid.complete(Supervisor.startLink(SupervisorFlags.oneForOne(),
                    List.of(Worker.spec("a", log), Worker.spec("b", log))).pid());
            Proc.receive();
        });
        Pid sup = Procs.join(supPid);
        assertThat(Proc.links(sup)).contains(parent);
        CompletableFuture<ExitReason> supExit = Procs.exitOf(sup);

        Proc.exit(parent, ExitReason.shutdown());

        assertThat(Procs.reasonOf(supExit)).isEqualTo(ExitReason.shutdown());
        assertThat(log).containsExactly("start a", "start b", "stop b", "stop a");
    }

    @Test
    void startLinkOutsideAProcessIsRefused_andCallsToADeadSupervisorExitNoproc() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Supervisor.startLink(SupervisorFlags.oneForOne(), List.of()))
                .isInstanceOf(IllegalStateException.class);
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.oneForOne(), List.of()));
        Supervisor.stop(sup);
        await().until(() -> !sup.isAlive());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Supervisor.whichChildren(sup))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.noproc()));
    }
}
