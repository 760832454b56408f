package io.islands.server;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Proc;
import io.islands.runtime.Name;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.Shutdown;
import io.islands.storage.CloseableStateStore;
import java.time.Duration;

/**
 * The process that owns an open store in the server's supervision tree, as an OTP process owns
 * its ETS table: the store is closed when its owner is stopped by its supervisor (the tree's
 * stop, after every child started later has stopped), never by anyone else.
 *
 * <p>It traps exits, so its supervisor's {@code shutdown} runs {@link #terminate}. A crash or a
 * kill does not close the store: the supervisor starts a new owner, which takes over the store
 * still open (the games and seats that use it keep working meanwhile). State: none; the store
 * is a final field, closed once (its close is idempotent).
 */
final class StoreOwner implements GenServer<CloseableStateStore<?>> {
    private final CloseableStateStore<?> store;

    private StoreOwner(CloseableStateStore<?> store) {
        this.store = store;
    }

    /** How long a closing store may take (it waits for the saves in progress) before its owner is killed. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @return a permanent worker spec whose process owns {@code store}, registered as {@code name},
     *     given {@link #CLOSE_TIMEOUT} to stop
     */
    static ChildSpec childSpec(String id, Name name, CloseableStateStore<?> store) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new StoreOwner(store), GenServer.StartOptions.named(name)))
                .withShutdown(Shutdown.timeout(CLOSE_TIMEOUT));
    }

    @Override
    public InitResult<CloseableStateStore<?>> init() {
        Proc.trapExit(true);
        return InitResult.ok(store);
    }

    /** Closes the store on an orderly stop (normal, shutdown); keeps it open after a crash. */
    @Override
    public void terminate(ExitReason reason, CloseableStateStore<?> state) {
        if (reason.isNormalExit()) {
            state.close();
        }
    }
}
