package io.islands.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static io.islands.runtime.supervisor.Procs.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategy x restart type x exit reason. Children: a (permanent), b (the restart type under
 * test, which exits), c (permanent), d (temporary).
 */
class RestartMatrixTest {

    static final List<ExitReason> REASONS = List.of(ExitReason.normal(), ExitReason.shutdown(),
            ExitReason.shutdown("bye"), ExitReason.other("boom"), ExitReason.killed());

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Strategy s : Strategy.values()) {
            for (Restart r : Restart.values()) {
                for (ExitReason reason : REASONS) {
                    out.add(Arguments.of(s, r, reason));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} exits {2}")
    @MethodSource("matrix")
    void restartsExactlyAsOtp(Strategy strategy, Restart restart, ExitReason reason) {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.of(strategy), List.of(
                Worker.plain("a"),
                Worker.plain("b").withRestart(restart),
                Worker.plain("c"),
                Worker.plain("d").withRestart(Restart.TEMPORARY))));
        Map<Object, Pid> before = pids(sup);

        exit(before.get("b"), reason);

        boolean restarted = restart.restartsAfter(reason);
        assertThat(restarted).isEqualTo(restart == Restart.PERMANENT
                || restart == Restart.TRANSIENT && !(reason instanceof ExitReason.Normal || reason instanceof ExitReason.Shutdown));
        if (restarted) {
            await().until(() -> Procs.pidOf(sup, "b") != null && !Procs.pidOf(sup, "b").equals(before.get("b")));
        } else {
            await().until(() -> Procs.info(sup, "b").map(i -> i.pid().isEmpty()).orElse(true));
        }
        Map<Object, Pid> after = pids(sup);
        List<Object> ids = Supervisor.whichChildren(sup).stream().map(ChildInfo::id).toList();

        if (!restarted) {
            assertThat(ids).containsExactlyElementsOf(restart == Restart.TEMPORARY
                    ? List.of("a", "c", "d") : List.of("a", "b", "c", "d"));
            assertThat(after).containsEntry("a", before.get("a")).containsEntry("c", before.get("c"))
                    .containsEntry("d", before.get("d"));
        } else {
            switch (strategy) {
                case ONE_FOR_ONE -> {
                    assertThat(ids).containsExactly("a", "b", "c", "d");
                    assertThat(after).containsEntry("a", before.get("a")).containsEntry("c", before.get("c"))
                            .containsEntry("d", before.get("d"));
                }
                case ONE_FOR_ALL -> {
                    assertThat(ids).containsExactly("a", "b", "c");
                    assertThat(after.get("a")).isNotEqualTo(before.get("a"));
                    assertThat(after.get("c")).isNotEqualTo(before.get("c"));
                    assertThat(before.values()).noneMatch(Pid::isAlive);
                }
                case REST_FOR_ONE -> {
                    assertThat(ids).containsExactly("a", "b", "c");
                    assertThat(after).containsEntry("a", before.get("a"));
                    assertThat(after.get("c")).isNotEqualTo(before.get("c"));
                    assertThat(before.get("c").isAlive()).isFalse();
                    assertThat(before.get("d").isAlive()).isFalse();
                }
            }
        }
        assertThat(after.values()).allMatch(Pid::isAlive);
        Supervisor.stop(sup);
    }

    /** Makes {@code pid} exit with {@code reason}: killed by a kill, else by asking it. */
    static void exit(Pid pid, ExitReason reason) {
        if (reason instanceof ExitReason.Killed) {
            Proc.exit(pid, ExitReason.kill());
        } else {
            GenServer.cast(pid, reason);
        }
    }

    static Map<Object, Pid> pids(Pid sup) {
        return Supervisor.whichChildren(sup).stream().filter(c -> c.pid().isPresent())
                .collect(Collectors.toMap(ChildInfo::id, c -> c.pid().get()));
    }

    // ---- order of the terminations and starts --------------------------------------------

    final List<String> log = new CopyOnWriteArrayList<>();

    List<ChildSpec> logged() {
        return List.of(Worker.spec("a", log), Worker.spec("b", log), Worker.spec("c", log),
                Worker.spec("d", log).withRestart(Restart.TEMPORARY));
    }

    @Test
    void oneForAll_terminatesSiblingsInReverse_thenStartsAllInOrder_withoutTheTemporary() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.of(Strategy.ONE_FOR_ALL), logged()));
        log.clear();
        GenServer.cast(Procs.pidOf(sup, "b"), ExitReason.other("boom"));
        await().until(() -> log.size() == 7);
        assertThat(log).containsExactly("stop b", "stop d", "stop c", "stop a", "start a", "start b", "start c");
        Supervisor.stop(sup);
    }

    @Test
    void restForOne_terminatesLaterChildrenInReverse_thenStartsThemInOrder() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.of(Strategy.REST_FOR_ONE), logged()));
        log.clear();
        GenServer.cast(Procs.pidOf(sup, "b"), ExitReason.other("boom"));
        await().until(() -> log.size() == 5);
        assertThat(log).containsExactly("stop b", "stop d", "stop c", "start b", "start c");
        Supervisor.stop(sup);
    }

    @Test
    void oneForAll_alsoStartsAChildThatWasTerminated_asOtpDoes() {
        Pid sup = Procs.started(Supervisor.start(SupervisorFlags.of(Strategy.ONE_FOR_ALL),
                List.of(Worker.plain("a"), Worker.plain("b"))));
        assertThat(Supervisor.terminateChild(sup, "b").isOk()).isTrue();
        assertThat(Procs.pidOf(sup, "b")).isNull();
        Pid a = Procs.pidOf(sup, "a");
        Proc.exit(a, ExitReason.kill());
        await().until(() -> Procs.pidOf(sup, "a") != null && !Procs.pidOf(sup, "a").equals(a));
        assertThat(Procs.pidOf(sup, "b")).isNotNull();
        Supervisor.stop(sup);
    }
}
