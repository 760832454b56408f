package io.islands.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.supervisor.ChildInfo;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.RestartRecord;
import io.islands.runtime.supervisor.Strategy;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import io.islands.runtime.supervisor.SupervisorStatus;
import io.islands.runtime.table.Access;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableInfo;
import io.islands.runtime.table.TableOptions;
import io.islands.runtime.table.TableType;
import io.islands.runtime.table.Tables;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Inspect's snapshots of processes, supervision trees and tables, taken of real ones. */
class InspectTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A GenServer that holds each call until {@code release} completes. */
    record Holder(CompletableFuture<Void> release) implements GenServer<String> {
        @Override
        public InitResult<String> init() {
            return InitResult.ok("held");
        }

        @Override
        public Result<String> handleCall(Object request, From from, String state) {
            release.join();
            return Result.reply("done", state);
        }
    }

    /** A permanent worker that answers calls; killing it makes its supervisor restart it. */
    record Idle() implements GenServer<String> {
        @Override
        public InitResult<String> init() {
            return InitResult.ok("idle");
        }
    }

    static ChildSpec idle(Object id) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new Idle()));
    }

    @Test
    void aProcessShowsItsNameStatusMailboxCurrentCallLinksAndParent() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Pid server = GenServer.start(new Holder(release), GenServer.StartOptions.DEFAULT.withLabel("holder")).pid();
        CompletableFuture<Object> reply = CompletableFuture.supplyAsync(() -> GenServer.call(server, "hold-please", TIMEOUT));
        await().until(() -> Inspect.process(server).flatMap(ProcessInfo::currentMessage).isPresent());
        for (int i = 0; i < 3; i++) {
            Proc.send(server, "queued " + i);
        }

        ProcessInfo busy = Inspect.process(server).orElseThrow();
        assertThat(busy.name()).contains("holder");
        assertThat(busy.currentMessage()).contains("call hold-please");
        assertThat(busy.status()).as("blocked outside the runtime: still running for it").isEqualTo(ProcessInfo.Status.RUNNING);
        assertThat(busy.mailboxSize()).isEqualTo(3);
        assertThat(busy.parent()).isEqualTo(Pid.EXTERNAL);
        assertThat(Inspect.processes()).extracting(ProcessInfo::pid).contains(server).isSorted();

        release.complete(null);
        assertThat(reply.join()).isEqualTo("done");
        await().untilAsserted(() -> assertThat(Inspect.process(server).orElseThrow())
                .returns(ProcessInfo.Status.WAITING, ProcessInfo::status)
                .returns(Optional.empty(), ProcessInfo::currentMessage));

        CompletableFuture<Pid> child = new CompletableFuture<>();
        Pid parent = Proc.spawn(() -> {
            Proc.trapExit(true);
            child.complete(Proc.spawnLink(Proc::receive));
            Proc.receive();
        });
        ProcessInfo c = Inspect.process(child.join()).orElseThrow();
        assertThat(c.parent()).isEqualTo(parent);
        assertThat(c.links()).containsExactly(parent);
        assertThat(c.trapsExits()).isFalse();
        assertThat(Inspect.process(parent).orElseThrow().trapsExits()).isTrue();
        assertThat(Inspect.find(child.join().id())).contains(child.join());

        Proc.exit(parent, ExitReason.KILL);
        GenServer.stop(server, ExitReason.normal(), TIMEOUT);
        await().until(() -> Inspect.process(child.join()).isEmpty());
        assertThat(Inspect.process(server)).isEmpty();
        assertThat(Inspect.find(server.id())).isEmpty();
    }

    @Test
    void theTreeShowsStrategyRestartsRecentRestartsAndNestedSupervisors() {
        DynamicSupervisor.Options dynamicOptions = DynamicSupervisor.Options.defaults();
        Pid root = Supervisor.start(SupervisorFlags.of(Strategy.REST_FOR_ONE).withIntensity(10, Duration.ofMinutes(1)),
                List.of(idle("worker"), DynamicSupervisor.childSpec("pool", dynamicOptions))).pid();
        try {
            for (int i = 0; i < 2; i++) {
                Pid worker = Supervisor.whichChildren(root).get(0).pid().orElseThrow();
                Proc.exit(worker, ExitReason.KILL);
                await().until(() -> Supervisor.whichChildren(root).get(0).pid().filter(p -> !p.equals(worker)).isPresent());
            }
            Pid pool = Supervisor.whichChildren(root).get(1).pid().orElseThrow(); // rest_for_one restarted it too
            for (int i = 0; i < 3; i++) {
                DynamicSupervisor.startChild(pool, idle("game" + i));
            }

            SupervisorInfo tree = Inspect.supervisionTree(2, TIMEOUT).stream()
                    .filter(s -> s.pid().equals(root)).findFirst().orElseThrow();
            SupervisorStatus status = tree.status().orElseThrow();
            assertThat(status.strategy()).isEqualTo(Strategy.REST_FOR_ONE);
            assertThat(status.dynamic()).isFalse();
            assertThat(status.intensity()).isEqualTo(10);
            assertThat(status.restarts()).isEqualTo(2);
            assertThat(status.recentRestarts()).hasSize(2)
                    .allSatisfy(r -> assertThat(r).returns("worker", RestartRecord::childId)
                            .returns(ExitReason.KILLED, RestartRecord::reason));
            assertThat(status.recentRestarts().get(0).at()).isAfterOrEqualTo(status.recentRestarts().get(1).at());
            assertThat(tree.children()).extracting(n -> n.child().id()).containsExactly("worker", "pool");
            assertThat(tree.children().get(0).supervisor()).isEmpty();

            SupervisorInfo poolTree = tree.children().get(1).supervisor().orElseThrow();
            assertThat(poolTree.pid()).isEqualTo(pool);
            assertThat(poolTree.status().orElseThrow())
                    .returns(true, SupervisorStatus::dynamic)
                    .returns(3, SupervisorStatus::childCount)
                    .returns(0L, SupervisorStatus::restarts);
            assertThat(poolTree.children()).as("capped at maxChildren").hasSize(2)
                    .allSatisfy(n -> assertThat(n.child().id()).asString().startsWith("game"));
            assertThat(Inspect.supervisionTree(2, TIMEOUT)).as("the pool is no root").noneMatch(s -> s.pid().equals(pool));
            assertThat(Inspect.supervisor(pool, 10, TIMEOUT).orElseThrow().children()).hasSize(3);
        } finally {
            Supervisor.stop(root);
        }
        assertThat(Inspect.supervisor(root, 10, TIMEOUT)).isEmpty();
    }

    @Test
    void statusOfAProcessThatIsNoSupervisorSendsItNothing() {
        Pid plain = GenServer.start(new Idle()).pid();
        try {
            assertThatThrownBy(() -> Supervisor.status(plain, 10, TIMEOUT)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(Inspect.supervisor(plain, 10, TIMEOUT)).isEmpty();
            assertThat(Proc.mailboxSize(plain)).isZero();
            assertThat(plain.isAlive()).isTrue();
        } finally {
            GenServer.stop(plain, ExitReason.normal(), TIMEOUT);
        }
    }

    @Test
    void tablesShowTypeAccessOwnerHeirSizeAndMemory() {
        CompletableFuture<Table<String, Integer>> made = new CompletableFuture<>();
        Pid heir = Proc.spawn(Proc::receive);
        Pid owner = Proc.spawn(() -> {
            Table<String, Integer> t = Tables.create(TableOptions.<String>defaults().withName("inspect-scores")
                    .withType(TableType.ORDERED_SET).withAccess(Access.PUBLIC).withHeir(heir, "take it"));
            t.insert("a", 1);
            t.insert("b", 2);
            made.complete(t);
            Proc.receive();
        });
        made.join();
        TableInfo info = Inspect.tables().stream().filter(t -> t.name().equals(Optional.of("inspect-scores")))
                .findFirst().orElseThrow();
        assertThat(info.type()).isEqualTo(TableType.ORDERED_SET);
        assertThat(info.access()).isEqualTo(Access.PUBLIC);
        assertThat(info.owner()).isEqualTo(owner);
        assertThat(info.heir()).contains(heir);
        assertThat(info.size()).isEqualTo(2);
        assertThat(info.memory()).isPositive();

        Proc.exit(heir, ExitReason.KILL);
        Proc.exit(owner, ExitReason.KILL);
        await().until(() -> Inspect.tables().stream().noneMatch(t -> t.name().equals(Optional.of("inspect-scores"))));
    }

    @Test
    void childInfoOfTheTreeIsTheSupervisorsOwn() {
        Pid sup = Supervisor.start(SupervisorFlags.oneForOne(), List.of(idle("only"))).pid();
        try {
            List<ChildInfo> own = Supervisor.whichChildren(sup);
            assertThat(Inspect.supervisor(sup, 10, TIMEOUT).orElseThrow().children())
                    .extracting(ChildNode::child).isEqualTo(own);
        } finally {
            Supervisor.stop(sup);
        }
    }
}
