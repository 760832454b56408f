package io.islands.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.StartResult;
import io.islands.runtime.testing.ChildJvm;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Application: the tree stops in order, on stop() or from the JVM shutdown hook, once. */
class ApplicationTest {
    final List<String> log = new CopyOnWriteArrayList<>();

    /** a, a supervisor with s1 and s2, then b. */
    static List<ChildSpec> tree(List<String> log) {
        return List.of(Worker.spec("a", log),
                Supervisor.childSpec("s", SupervisorFlags.of(Strategy.REST_FOR_ONE),
                        List.of(Worker.spec("s1", log), Worker.spec("s2", log))),
                Worker.spec("b", log));
    }

    static final List<String> STARTS = List.of("start a", "start s1", "start s2", "start b");
    static final List<String> STOPS = List.of("stop b", "stop s2", "stop s1", "stop a");

    @Test
    void stopStopsTheTreeInReverseOrder_once_andRemovesTheHook() {
        Application app = Application.start("app-stop", SupervisorFlags.oneForOne(), tree(log));
        assertThat(log).containsExactlyElementsOf(STARTS);

        app.stop();
        app.stop();

        assertThat(log.subList(4, log.size())).containsExactlyElementsOf(STOPS);
        assertThat(app.exitReason()).isCompletedWithValue(ExitReason.shutdown());
        assertThat(app.supervisor().isAlive()).isFalse();
        assertThat(Runtime.getRuntime().removeShutdownHook(app.shutdownHook())).as("already removed").isFalse();
    }

    /**
     * Regression (fresh-clone CI, 2026-12-03): the watcher that completes exitReason monitored
     * the root only when it got to run, so a stop right after the start could find the root
     * dead already and report noproc. 200 starts each stopped at once all report shutdown.
     */
    @Test
    void aStopRightAfterTheStartReportsShutdown_neverNoproc() {
        for (int i = 0; i < 200; i++) {
            Application app = Application.start("app-quick-" + i, SupervisorFlags.oneForOne(), List.of());
            app.stop();
            assertThat(app.exitReason()).as("start %d", i).isCompletedWithValue(ExitReason.shutdown());
        }
    }

    @Test
    void concurrentStopsWaitForTheSameStop() {
        Application app = Application.start("app-concurrent", SupervisorFlags.oneForOne(), tree(log));
        List<CompletableFuture<Void>> stops = List.of(CompletableFuture.runAsync(app::stop),
                CompletableFuture.runAsync(app::stop), CompletableFuture.runAsync(app::stop));
        stops.forEach(Procs::join);
        assertThat(log.subList(4, log.size())).containsExactlyElementsOf(STOPS);
    }

    @Test
    void theShutdownHookStopsTheTree() {
        Application app = Application.start("app-hook", SupervisorFlags.oneForOne(), tree(log));
        Thread hook = app.shutdownHook();
        assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("it was registered").isTrue();

        hook.start(); // what the JVM does at exit
        Procs.join(CompletableFuture.runAsync(() -> {
            try {
                hook.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));

        assertThat(log.subList(4, log.size())).containsExactlyElementsOf(STOPS);
        app.stop(); // idempotent after the hook
        assertThat(log).hasSize(8);
    }

    @Test
    void aChildOfTheTreeMayStopTheApplication() {
        CompletableFuture<Application> app = new CompletableFuture<>();
        ChildSpec stopper = ChildSpec.worker("stopper", () -> GenServer.startLink(new Worker("stopper", log, false) {
            @Override
            public io.islands.runtime.Result<String> handleCast(Object request, String state) {
                Procs.join(app).stop();
                return io.islands.runtime.Result.noReply(state);
            }
        }));
        Application started = Application.start("app-from-inside", SupervisorFlags.oneForOne(),
                List.of(Worker.spec("a", log), stopper, Worker.spec("b", log)));
        app.complete(started);
        GenServer.cast(Procs.pidOf(started.supervisor(), "stopper"), "stop the application");
        assertThat(Procs.join(started.exitReason())).isEqualTo(ExitReason.shutdown());
        assertThat(log).containsExactly("start a", "start stopper", "start b", "stop b", "stop a");
        started.stop();
    }

    @Test
    void aJvmThatExitsStopsTheTreeInOrder() throws Exception {
        String classpath = ChildJvm.classPath(ApplicationExitMain.class);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process jvm = new ProcessBuilder(java, "-cp", classpath, ApplicationExitMain.class.getName())
                .redirectErrorStream(false).start();
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("the JVM exits").isTrue();
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(jvm.exitValue()).as(err).isZero();
        assertThat(out.lines().toList()).as(err).containsExactly("start a", "start s1", "start s2", "start b",
                "main returns", "stop b", "stop s2", "stop s1", "stop a");
    }

    @Test
    void aRootThatFailsToStartThrowsWithTheReason_andLeavesNothingRunning() {
        ChildSpec bad = ChildSpec.worker("bad", () -> new StartResult.Error(ExitReason.other("nope")));
        assertThatThrownBy(() -> Application.start("app-bad", SupervisorFlags.oneForOne(),
                List.of(Worker.spec("a", log), bad)))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.reason())
                        .isEqualTo(ExitReason.shutdown(new FailedToStartChild("bad", ExitReason.other("nope")))));
        assertThat(log).containsExactly("start a", "stop a");
    }

    @Test
    void aRootThatGivesUpCompletesItsExitReason() {
        Application app = Application.start("app-gives-up",
                SupervisorFlags.oneForOne().withIntensity(0, java.time.Duration.ofSeconds(5)), List.of(Worker.plain("w")));
        GenServer.cast(Procs.pidOf(app.supervisor(), "w"), ExitReason.other("boom"));
        assertThat(Procs.join(app.exitReason())).isEqualTo(ExitReason.shutdown());
        app.stop(); // nothing left to stop: returns at once
    }
}
