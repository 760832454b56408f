package io.islands.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.ChildInfo;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Restart;
import io.islands.runtime.supervisor.Supervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckpointServer#loadingAfterStart()}: the start returns before the store is read; the
 * load runs in the process before any message; calls that arrive meanwhile are served after it,
 * in order; a load that does not start the server stops the process with its reason and a
 * transient child is not restarted for it; a restart loads again.
 */
class LoadAfterStartTest {
    final MemoryStateStore<Integer> memory = new MemoryStateStore<>(3);
    final RecoveryLedger ledger = new RecoveryLedger(2);
    final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    final List<Pid> supervisors = new ArrayList<>();

    /** A store whose reads of versions wait for {@link #release} (when armed) and are counted. */
    final class GatedStore extends ForwardingStore<Integer> {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger loads = new AtomicInteger();
        volatile boolean gated = true;
        volatile StoreException failure;

        GatedStore() {
            super(memory);
        }

        @Override
        public List<Saved<Integer>> versions(String key) {
            loads.incrementAndGet();
            if (gated) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return super.versions(key);
        }
    }

    @AfterEach
    void stop() {
        callers.close();
        supervisors.forEach(Supervisor::stop);
    }

    private CheckpointServer<Integer> server(String key, StateStore<Integer> store) {
        return new CheckpointServer<>(key, new CheckpointServerTest.Counter(), store, ledger, null).loadingAfterStart();
    }

    private Pid supervisor() {
        Pid sup = DynamicSupervisor.start(DynamicSupervisor.Options.defaults()).pid();
        supervisors.add(sup);
        return sup;
    }

    private static ChildSpec transientChild(String id, CheckpointServer<Integer> server) {
        return ChildSpec.worker(id, () -> GenServer.startLink(server)).withRestart(Restart.TRANSIENT);
    }

    private static Optional<Pid> childPid(Pid sup) {
        return DynamicSupervisor.whichChildren(sup).stream().map(ChildInfo::pid).flatMap(Optional::stream).findFirst();
    }

    @Test
    void theStartReturnsBeforeTheLoad_andCallsThatArriveMeanwhileAreServedAfterItInOrder() throws Exception {
        memory.save("a", new Saved<>(1, 10));
        GatedStore store = new GatedStore();
        StartResult started = GenServer.start(server("a", store));
        assertThat(started).as("the start does not wait for the store").isInstanceOf(StartResult.Ok.class);
        Pid pid = started.pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.loads.get() == 1); // the load waits at the gate

        List<CompletableFuture<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // three calls, queued one after the other while the load waits
            replies.add(CompletableFuture.supplyAsync(() -> GenServer.call(pid, "inc"), callers));
            int queued = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> Proc.mailboxSize(pid) == queued);
        }
        assertThat(replies).noneMatch(CompletableFuture::isDone);

        store.release.countDown();
        assertThat(replies.get(0).get(10, TimeUnit.SECONDS)).as("served from the loaded state").isEqualTo(11);
        assertThat(replies.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(12);
        assertThat(replies.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(13);
        assertThat(memory.newest("a")).contains(new Saved<>(4, 13));
        assertThat(store.loads.get()).isEqualTo(1);
        GenServer.stop(pid, ExitReason.shutdown(), Duration.ofSeconds(5));
    }

    /**
     * Starts {@code key} under a new supervisor as a transient child whose load waits at the
     * gate, queues a call behind the load, opens the gate.
     *
     * @return the reason the call failed with
     */
    private ExitReason callWhileALoadThatFailsRuns(String key, GatedStore store, Pid sup) {
        StartResult started = DynamicSupervisor.startChild(sup, transientChild(key, server(key, store)));
        assertThat(started).as("the start cannot know yet").isInstanceOf(StartResult.Ok.class);
        Pid pid = started.pid();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.loads.get() == 1);
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> GenServer.call(pid, "get"), callers);
        await().atMost(Duration.ofSeconds(10)).until(() -> Proc.mailboxSize(pid) == 1);
        store.release.countDown();
        Throwable thrown = catchThrowable(waiting::join);
        assertThat(thrown).hasCauseInstanceOf(ExitException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !pid.isAlive()
                && DynamicSupervisor.whichChildren(sup).isEmpty()); // not restarted, as a failed start is not
        assertThat(store.loads.get()).isEqualTo(1);
        return ((ExitException) thrown.getCause()).reason();
    }

    @Test
    void aLoadThatCannotReadTheStoreStopsTheProcessWithTheReason_andATransientChildIsNotRestarted() {
        memory.save("b", new Saved<>(1, 5));
        GatedStore store = new GatedStore();
        store.failure = new StoreException("the disk is gone");
        ExitReason reason = callWhileALoadThatFailsRuns("b", store, supervisor());
        assertThat(reason).isEqualTo(ExitReason.shutdown(new StoreUnavailable("the disk is gone")));
        assertThat(CheckpointServer.isStoreUnavailable(reason)).isTrue();
        assertThat(memory.versions("b")).as("nothing written").containsExactly(new Saved<>(1, 5));
    }

    @Test
    void aLoadThatFindsNoUsableVersionQuarantinesAndStops_andATransientChildIsNotRestarted() {
        memory.save("c", new Saved<>(1, -3)); // Counter.restore rejects negative counters
        ExitReason reason = callWhileALoadThatFailsRuns("c", new GatedStore(), supervisor());
        assertThat(reason).isEqualTo(CheckpointServer.QUARANTINED);
        assertThat(memory.quarantined("c")).isPresent();
    }

    @Test
    void aRestartLoadsAgain() throws Exception {
        memory.save("d", new Saved<>(1, 5));
        GatedStore store = new GatedStore();
        store.gated = false;
        Pid sup = supervisor();
        Pid first = DynamicSupervisor.startChild(sup, transientChild("d", server("d", store))).pid();
        assertThat(GenServer.call(first, "inc")).isEqualTo(6);

        Proc.exit(first, ExitReason.kill());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> childPid(sup).filter(p -> !p.equals(first) && p.isAlive()).isPresent());
        Pid second = childPid(sup).orElseThrow();
        assertThat(GenServer.call(second, "get")).as("resumed from the store").isEqualTo(6);
        assertThat(store.loads.get()).as("one load per start").isEqualTo(2);
    }
}
