package io.islands.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Crash and restart events reach subscribers; gauges count processes and waiting messages. */
class RuntimeEventsTest {
    /** Other tests may crash processes at the same time: events are filtered by what this test made. */
    private final List<CrashReport> crashes = new CopyOnWriteArrayList<>();
    private final List<Object> restarts = new CopyOnWriteArrayList<>();
    private final RuntimeEvents.Listener listener = new RuntimeEvents.Listener() {
        @Override
        public void onCrash(CrashReport report) {
            crashes.add(report);
        }

        @Override
        public void onRestart(String supervisor, Object childId, ExitReason reason) {
            restarts.add(childId + " " + reason);
        }
    };

    @AfterEach
    void unsubscribe() {
        RuntimeEvents.unsubscribe(listener);
    }

    /** A server that crashes on any message, after a label so that the report names it. */
    private static Pid crasher(String label) {
        return GenServer.start(new GenServer<String>() {
            @Override
            public InitResult<String> init() {
                Proc.label(label);
                return InitResult.ok("s");
            }

            @Override
            public io.islands.runtime.Result<String> handleInfo(Object message, String state) {
                throw new IllegalStateException("boom on " + message);
            }
        }).pid();
    }

    @Test
    void aCrashIsToldOnceWithProcessNameReasonAndMessage_aSignalExitIsNot() {
        RuntimeEvents.subscribe(listener);
        Pid pid = crasher("crasher-1");
        Proc.send(pid, "hello");
        await().until(() -> !Proc.isAlive(pid));

        await().until(() -> crashes.stream().anyMatch(r -> r.pid().equals(pid)));
        List<CrashReport> mine = crashes.stream().filter(r -> r.pid().equals(pid)).toList();
        assertThat(mine).hasSize(1);
        CrashReport r = mine.get(0);
        assertThat(r.name()).isEqualTo("crasher-1");
        assertThat(r.error()).isInstanceOf(IllegalStateException.class).hasMessage("boom on hello");
        assertThat(r.lastMessage()).isEqualTo("hello");
        assertThat(r.get()).startsWith("crash report: process=" + pid + " name=crasher-1 reason={crash, ");

        Pid killed = crasher("crasher-2");
        Proc.exit(killed, ExitReason.kill());
        await().until(() -> !Proc.isAlive(killed));
        assertThat(crashes).noneMatch(c -> c.pid().equals(killed));
    }

    @Test
    void aSupervisorRestartIsTold_unsubscribedListenersHearNothing() {
        RuntimeEvents.subscribe(listener);
        Pid sup = DynamicSupervisor.start(DynamicSupervisor.Options.defaults()).pid();
        try {
            String id = "restart-me-" + System.nanoTime();
            Pid child = DynamicSupervisor.startChild(sup, ChildSpec.worker(id,
                    () -> GenServer.startLink(new GenServer<String>() {
                        @Override
                        public InitResult<String> init() {
                            return InitResult.ok("s");
                        }
                    }))).pid();
            Proc.exit(child, ExitReason.kill());
            await().until(() -> restarts.contains(id + " killed"));

            assertThat(RuntimeEvents.unsubscribe(listener)).isTrue();
            assertThat(RuntimeEvents.unsubscribe(listener)).isFalse();
            Pid second = DynamicSupervisor.whichChildren(sup).get(0).pid().orElseThrow();
            Proc.exit(second, ExitReason.kill());
            await().until(() -> DynamicSupervisor.whichChildren(sup).get(0).pid()
                    .filter(p -> !p.equals(second)).isPresent());
            assertThat(restarts).containsOnlyOnce(id + " killed");
        } finally {
            Supervisor.stop(sup);
        }
    }

    @Test
    void gaugesCountProcessesAndWaitingMessages() {
        Pid idle = Proc.spawn(() -> Proc.receive(m -> m.equals("stop"), Duration.ofSeconds(30)));
        try {
            assertThat(RuntimeGauges.processesAlive()).isPositive();
            for (int i = 0; i < 50; i++) {
                Proc.send(idle, i);
            }
            RuntimeGauges.MailboxDepth depth = RuntimeGauges.mailboxes();
            assertThat(depth.max()).isGreaterThanOrEqualTo(50);
            assertThat(depth.total()).isGreaterThanOrEqualTo(50);
        } finally {
            Proc.send(idle, "stop");
        }
    }
}
