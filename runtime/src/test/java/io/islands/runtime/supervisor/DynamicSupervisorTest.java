package io.islands.runtime.supervisor;

import static io.islands.runtime.supervisor.Procs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DynamicSupervisor: starting, terminating, counting, max_children and OTP's restart rules. */
class DynamicSupervisorTest {
    Pid sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults()));

    @AfterEach
    void stop() {
        if (sup.isAlive()) {
            Supervisor.stop(sup);
        }
    }

    @Test
    void startsEmpty_startsChildren_countsAndListsThem() {
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(0, 0, 0, 0));
        Pid w = DynamicSupervisor.startChild(sup, Worker.plain("w")).pid();
        Pid s = DynamicSupervisor.startChild(sup, DynamicSupervisor.childSpec("s", DynamicSupervisor.Options.defaults())).pid();

        assertThat(Proc.links(w)).contains(sup);
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(2, 2, 1, 1));
        assertThat(DynamicSupervisor.whichChildren(sup)).containsExactlyInAnyOrder(
                new ChildInfo("w", java.util.Optional.of(w), false, ChildType.WORKER, Restart.PERMANENT),
                new ChildInfo("s", java.util.Optional.of(s), false, ChildType.SUPERVISOR, Restart.PERMANENT));
    }

    @Test
    void terminateChild_stopsAndRemovesIt_notFoundOtherwise() {
        Pid w = DynamicSupervisor.startChild(sup, Worker.plain("w")).pid();
        CompletableFuture<ExitReason> exit = Procs.exitOf(w);

        assertThat(DynamicSupervisor.terminateChild(sup, w)).isEqualTo(ChildResult.OK);

        assertThat(Procs.reasonOf(exit)).isEqualTo(ExitReason.shutdown());
        assertThat(DynamicSupervisor.countChildren(sup).specs()).isZero();
        assertThat(DynamicSupervisor.terminateChild(sup, w)).isEqualTo(ChildResult.error(SupervisorError.NOT_FOUND));
        Pid stranger = Procs.started(GenServer.start(new Worker("x", null, false)));
        assertThat(DynamicSupervisor.terminateChild(sup, stranger)).isEqualTo(ChildResult.error(SupervisorError.NOT_FOUND));
        assertThat(stranger.isAlive()).isTrue();
        Proc.exit(stranger, ExitReason.kill());
    }

    @Test
    void maxChildren_refusesTheChildTooMany() {
        Supervisor.stop(sup);
        sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults().withMaxChildren(2)));
        Pid first = DynamicSupervisor.startChild(sup, Worker.plain(1)).pid();
        DynamicSupervisor.startChild(sup, Worker.plain(2)).pid();

        StartResult third = DynamicSupervisor.startChild(sup, Worker.plain(3));

        assertThat(third).isEqualTo(new StartResult.Error(ExitReason.other(SupervisorError.MAX_CHILDREN)));
        assertThat(SupervisorError.of(third)).contains(SupervisorError.MAX_CHILDREN);
        assertThat(DynamicSupervisor.countChildren(sup).specs()).isEqualTo(2);
        DynamicSupervisor.terminateChild(sup, first);
        assertThat(DynamicSupervisor.startChild(sup, Worker.plain(3))).isInstanceOf(StartResult.Ok.class);
    }

    @Test
    void ignoreAndErrorsKeepNothing() {
        assertThat(DynamicSupervisor.startChild(sup, ChildSpec.worker("i", () -> GenServer.startLink(InitResult::ignore))))
                .isEqualTo(new StartResult.Ignore());
        assertThat(DynamicSupervisor.startChild(sup, ChildSpec.worker("e", () -> new StartResult.Error(ExitReason.other("no")))))
                .isEqualTo(new StartResult.Error(ExitReason.other("no")));
        Name taken = Name.local("dyn-taken");
        Pid holder = DynamicSupervisor.startChild(sup, ChildSpec.worker("n1",
                () -> GenServer.startLink(new Worker("n", null, false), GenServer.StartOptions.named(taken)))).pid();
        assertThat(DynamicSupervisor.startChild(sup, ChildSpec.worker("n2",
                () -> GenServer.startLink(new Worker("n", null, false), GenServer.StartOptions.named(taken)))))
                .isEqualTo(new StartResult.AlreadyStarted(holder));
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(1, 1, 0, 1));
    }

    @Test
    void restartRules_permanentAlways_transientOnAbnormalExit_temporaryNever() {
        Supervisor.stop(sup);
        sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults().withIntensity(100, Duration.ofSeconds(5))));
        Pid permanent = DynamicSupervisor.startChild(sup, Worker.plain("p")).pid();
        Pid transientNormal = DynamicSupervisor.startChild(sup, Worker.plain("tn").withRestart(Restart.TRANSIENT)).pid();
        Pid transientCrash = DynamicSupervisor.startChild(sup, Worker.plain("tc").withRestart(Restart.TRANSIENT)).pid();
        Pid temporary = DynamicSupervisor.startChild(sup, Worker.plain("t").withRestart(Restart.TEMPORARY)).pid();

        GenServer.cast(permanent, ExitReason.normal());
        GenServer.cast(transientNormal, ExitReason.shutdown("done"));
        GenServer.cast(transientCrash, ExitReason.other("boom"));
        GenServer.cast(temporary, ExitReason.other("boom"));

        await().until(() -> DynamicSupervisor.whichChildren(sup).stream()
                .map(c -> c.id() + "=" + c.pid().map(p -> p.isAlive() && !List.of(permanent, transientCrash).contains(p)).orElse(false))
                .sorted().toList().equals(List.of("p=true", "tc=true")));
        assertThat(DynamicSupervisor.countChildren(sup)).isEqualTo(new Counts(2, 2, 0, 2));
    }

    @Test
    void supervisorWideIntensity_likeOtp_stopsEveryChildAndExitsShutdown() {
        List<Pid> children = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            children.add(DynamicSupervisor.startChild(sup, Worker.plain(i)).pid());
        }
        CompletableFuture<ExitReason> supExit = Procs.exitOf(sup);

        for (int i = 0; i < 4; i++) { // the default intensity is 3 in 5 s: the 4th restart is one too many
            GenServer.cast(children.get(i), ExitReason.other("boom"));
        }

        assertThat(Procs.reasonOf(supExit)).isEqualTo(ExitReason.shutdown());
        await().until(() -> children.stream().noneMatch(Pid::isAlive));
    }

    @Test
    void theParentsExitSignalStopsIt() {
        Supervisor.stop(sup);
        CompletableFuture<Pid> child = new CompletableFuture<>();
        Pid parent = Proc.spawn(() -> {
            Pid dyn = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults()).pid();
            child.complete(DynamicSupervisor.startChild(dyn, Worker.plain("c")).pid());
            Proc.receive();
        });
        CompletableFuture<ExitReason> childExit = Procs.exitOf(Procs.join(child));
        Proc.exit(parent, ExitReason.other("parent died"));
        assertThat(Procs.reasonOf(childExit)).isEqualTo(ExitReason.shutdown());
    }
}
