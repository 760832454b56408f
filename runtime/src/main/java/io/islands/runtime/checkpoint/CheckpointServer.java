package io.islands.runtime.checkpoint;

import io.islands.runtime.ExitReason;
import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.IdleTimeout;
import io.islands.runtime.InitResult;
import io.islands.runtime.Next;
import io.islands.runtime.Result;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A GenServer whose state survives its crashes: it saves its state to a {@link StateStore}
 * under its key when it starts fresh and after every change, <b>before</b> the reply leaves,
 * and on every start resumes from the newest saved version that works.
 *
 * <table>
 *   <caption>Start: the load (in init, so before any message can be handled)</caption>
 *   <tr><th>store holds</th><th>the server</th></tr>
 *   <tr><td>nothing for the key</td><td>starts from {@link Checkpointed#fresh} and saves it as revision 1</td></tr>
 *   <tr><td>versions</td><td>resumes from the newest one that is not poisoned and passes
 *       {@link Checkpointed#restore}; newer (poisoned) versions are discarded and logged</td></tr>
 *   <tr><td>versions, none usable</td><td>quarantines the key ({@link StateStore#quarantine}) and does not
 *       start: {@link #QUARANTINED}</td></tr>
 *   <tr><td>the key is quarantined</td><td>does not start: {@link #QUARANTINED}</td></tr>
 *   <tr><td>the store fails</td><td>does not start: {@link ExitReason.Other} holding a {@link StoreUnavailable}</td></tr>
 * </table>
 *
 * <p><b>Loading after the start</b> ({@link #loadingAfterStart()}): the same load runs in the
 * process itself, as OTP's {@code {ok, State, {continue, load}}}: {@code init} returns at once
 * (so a supervisor that starts children one at a time, such as a {@code DynamicSupervisor},
 * is not held up by the store, and the loads of many servers started together reach the store
 * together, where a batching store reads them in few statements), and the load runs in
 * {@link #handleContinue} before any message is handled: calls that arrive meanwhile wait in
 * the mailbox and are served after it, in order, from the loaded state. A load that does not
 * start the server stops the process instead of failing its start, with a reason that a
 * transient child is not restarted for, as a failed start is not:
 *
 * <table>
 *   <caption>Load after the start: outcomes</caption>
 *   <tr><th>load</th><th>the process</th><th>a transient child</th></tr>
 *   <tr><td>a state (fresh or restored, as above)</td><td>serves its mailbox</td><td>runs</td></tr>
 *   <tr><td>quarantined (now or before)</td><td>stops with {@link #QUARANTINED}; waiting callers get it</td>
 *       <td>not restarted</td></tr>
 *   <tr><td>the store fails</td><td>stops with {@link ExitReason.Shutdown} {@code {shutdown, store_unavailable: ...}}
 *       (see {@link #isStoreUnavailable}); waiting callers get it</td><td>not restarted</td></tr>
 *   <tr><td>the behaviour's {@code fresh} throws</td><td>crashes</td><td>restarted, as after any crash</td></tr>
 * </table>
 * A restart, like any start, loads again.
 *
 * <table>
 *   <caption>After each callback</caption>
 *   <tr><th>the callback returned</th><th>effect</th></tr>
 *   <tr><td>the same state object</td><td>no write; the reply goes out</td></tr>
 *   <tr><td>a new state, saved</td><td>revision + 1 is stored, then the reply goes out</td></tr>
 *   <tr><td>a new state, the store failed</td><td>the change is dropped, the caller gets {@link NotSaved}, the
 *       server keeps its previous state and goes on</td></tr>
 *   <tr><td>a new state, refused as stale</td><td>another incarnation wrote the key: the caller gets
 *       {@link NotSaved} and the server stops with {@link #STALE}</td></tr>
 *   <tr><td>a new state, fenced out</td><td>another node owns the key ({@link FencedOutException}): the
 *       caller gets {@link NotSaved} with {@code fencedOut} and the server stops with {@link #FENCED}</td></tr>
 * </table>
 *
 * <p>Exits: a crash keeps the saved state (the restart resumes from it); a crash before any change
 * since the restore counts against that revision in the {@link RecoveryLedger}, so a state that
 * crashes its process again and again is skipped (last known good). Stopping with {@link #FORGET}
 * (and the idle timeout, {@link #IDLE_TIMEOUT}) deletes the saved state in terminate. The idle
 * timer is re-armed by every message handled.
 */
public final class CheckpointServer<S> implements GenServer<CheckpointServer.Held<S>> {
    static final System.Logger LOG = System.getLogger("io.islands.runtime.checkpoint");

    /** Stop reason that deletes the saved state (stop-game). Not restarted as a transient child. */
    public static final ExitReason FORGET = ExitReason.shutdown("forget");
    /** Exit reason after the idle timeout; the saved state is deleted. */
    public static final ExitReason IDLE_TIMEOUT = ExitReason.shutdown("timeout");
    /** Exit reason of a server that will not start because its key is quarantined. */
    public static final ExitReason QUARANTINED = ExitReason.shutdown("quarantined");
    /** Exit reason of a server whose save was refused as stale. */
    public static final ExitReason STALE = ExitReason.shutdown("stale_revision");
    /**
     * Exit reason of a server whose save was refused by its fence ({@link FencedOutException}):
     * another node of a cluster owns the key now. Not restarted as a transient child.
     */
    public static final ExitReason FENCED = ExitReason.shutdown("fenced");

    /**
     * The server's state: the behaviour's state and the revision it was saved as; revision 0
     * (state null) until a load after the start has run.
     */
    public record Held<S>(S state, long revision, boolean changedSinceStart) {}

    /** The continue step of a load after the start. */
    private enum Step { LOAD }

    private final String key;
    private final Checkpointed<S> behaviour;
    private final StateStore<S> store;
    private final RecoveryLedger ledger;
    private final Duration idleTimeout;
    private final boolean loadAfterStart;

    /**
     * A server that loads its state in init (the start returns once it is loaded).
     *
     * @param key the name the state is saved under
     * @param idleTimeout stop and delete the state after this long without a message; null: never
     */
    public CheckpointServer(String key, Checkpointed<S> behaviour, StateStore<S> store, RecoveryLedger ledger,
            Duration idleTimeout) {
        this(key, behaviour, store, ledger, idleTimeout, false);
    }

    private CheckpointServer(String key, Checkpointed<S> behaviour, StateStore<S> store, RecoveryLedger ledger,
            Duration idleTimeout, boolean loadAfterStart) {
        this.key = Objects.requireNonNull(key);
        this.behaviour = Objects.requireNonNull(behaviour);
        this.store = Objects.requireNonNull(store);
        this.ledger = Objects.requireNonNull(ledger);
        this.idleTimeout = idleTimeout;
        this.loadAfterStart = loadAfterStart;
    }

    /**
     * @return the same server, loading its state after its start has returned, in the process
     *     and before any message (see "Loading after the start" above)
     */
    public CheckpointServer<S> loadingAfterStart() {
        return new CheckpointServer<>(key, behaviour, store, ledger, idleTimeout, true);
    }

    /**
     * @return whether {@code reason} is that of a start or a load that could not read the store
     *     ({@code Other} from a start, {@code Shutdown} from a load after the start, each holding
     *     a {@link StoreUnavailable})
     */
    public static boolean isStoreUnavailable(ExitReason reason) {
        Object value = switch (reason) {
            case ExitReason.Other o -> o.value();
            case ExitReason.Shutdown s -> s.cause();
            default -> null;
        };
        return value instanceof StoreUnavailable;
    }

    public String key() {
        return key;
    }

    @Override
    public InitResult<Held<S>> init() throws Exception {
        if (loadAfterStart) {
            return InitResult.ok(new Held<>(null, 0, false), Next.continueWith(Step.LOAD));
        }
        return load();
    }

    /** The load after the start; see the class's tables. */
    @Override
    public Result<Held<S>> handleContinue(Object value, Held<S> held) throws Exception {
        if (value != Step.LOAD) {
            return GenServer.super.handleContinue(value, held);
        }
        InitResult<Held<S>> loaded;
        try {
            loaded = load();
        } catch (StoreException e) { // discarding poisoned versions or quarantining failed
            loaded = InitResult.stop(storeUnavailable(e));
        }
        return switch (loaded) {
            case InitResult.Ok<Held<S>> ok -> Result.noReply(ok.state(), ok.next());
            case InitResult.Stop<Held<S>> stop -> {
                ExitReason reason = stop.reason() instanceof ExitReason.Other o // not restarted, as a failed start
                        ? ExitReason.shutdown(o.value()) : stop.reason();
                if (!reason.equals(QUARANTINED)) {
                    LOG.log(Level.WARNING, "{0}: not started: {1}", key, reason);
                }
                yield Result.stop(reason, held);
            }
            case InitResult.Ignore<Held<S>> ignore -> throw new IllegalStateException("a load does not ignore");
        };
    }

    private static ExitReason storeUnavailable(StoreException e) {
        return ExitReason.other(new StoreUnavailable(String.valueOf(e.getMessage())));
    }

    /** Reads the store and picks the state to run with; see the class's start table. */
    private InitResult<Held<S>> load() {
        List<Saved<S>> versions;
        try {
            versions = store.versions(key);
            if (versions.isEmpty()) { // a quarantined key has no versions: only then is its record read
                if (store.quarantined(key).isPresent()) {
                    return InitResult.stop(QUARANTINED);
                }
                S fresh = behaviour.fresh(key);
                store.save(key, new Saved<>(1, fresh));
                return InitResult.ok(new Held<>(fresh, 1, false), idle());
            }
        } catch (UnreadableStateException e) {
            return quarantine("unreadable saved state: " + e.getMessage());
        } catch (StoreException e) {
            return InitResult.stop(storeUnavailable(e));
        }
        List<String> rejected = new ArrayList<>();
        for (Saved<S> v : versions) {
            if (ledger.isPoisoned(key, v.revision())) {
                rejected.add("revision " + v.revision() + " crashed the process after restore");
                continue;
            }
            S restored;
            try {
                restored = behaviour.restore(key, v.state());
            } catch (Exception e) {
                ledger.poison(key, v.revision());
                rejected.add("revision " + v.revision() + " failed restore: " + e);
                continue;
            }
            if (v != versions.get(0)) {
                List<Saved<S>> dropped = store.discardAfter(key, v.revision());
                LOG.log(Level.WARNING, "{0}: fell back to revision {1}, discarded {2} newer version(s): {3}",
                        key, v.revision(), dropped.size(), rejected);
            }
            return InitResult.ok(new Held<>(restored, v.revision(), false), idle());
        }
        return quarantine("no saved version restores: " + rejected);
    }

    private InitResult<Held<S>> quarantine(String reason) {
        LOG.log(Level.ERROR, "{0}: quarantined: {1}", key, reason);
        store.quarantine(key, reason);
        ledger.forget(key);
        return InitResult.stop(QUARANTINED);
    }

    @Override
    public Result<Held<S>> handleCall(Object request, From from, Held<S> held) throws Exception {
        return afterCallback(held, behaviour.handleCall(request, from, held.state()), true);
    }

    @Override
    public Result<Held<S>> handleCast(Object request, Held<S> held) throws Exception {
        return afterCallback(held, behaviour.handleCast(request, held.state()), false);
    }

    @Override
    public Result<Held<S>> handleInfo(Object message, Held<S> held) throws Exception {
        if (message == IdleTimeout.INSTANCE && idleTimeout != null) {
            return Result.stop(IDLE_TIMEOUT, held);
        }
        return afterCallback(held, behaviour.handleInfo(message, held.state()), false);
    }

    @Override
    public void terminate(ExitReason reason, Held<S> held) {
        if (held.revision() == 0) {
            return; // stopped before a load after the start had run: nothing was loaded
        }
        if (reason.equals(FORGET) || reason.equals(IDLE_TIMEOUT)) {
            store.delete(key);
            ledger.forget(key);
        } else if (!reason.isNormalExit() && !held.changedSinceStart()) {
            ledger.crashedAfterRestore(key, held.revision());
        }
    }

    /** Saves a changed state before the reply leaves; see the class table. */
    private Result<Held<S>> afterCallback(Held<S> held, Result<S> result, boolean isCall) {
        S next = result.state();
        Held<S> saved = held;
        if (next != held.state()) {
            try {
                store.save(key, new Saved<>(held.revision() + 1, next));
                saved = new Held<>(next, held.revision() + 1, true);
                if (!held.changedSinceStart()) {
                    ledger.forget(key);
                }
            } catch (FencedOutException e) {
                LOG.log(Level.WARNING, "{0}: {1}; stopping", key, e.getMessage());
                return isCall ? Result.stopReply(FENCED, new NotSaved(key, e.getMessage(), true), held)
                        : Result.stop(FENCED, held);
            } catch (StaleRevisionException e) {
                LOG.log(Level.ERROR, "{0}: {1}; stopping", key, e.getMessage());
                return isCall ? Result.stopReply(STALE, new NotSaved(key, e.getMessage()), held) : Result.stop(STALE, held);
            } catch (StoreException e) {
                LOG.log(Level.WARNING, "{0}: change not saved, kept previous state: {1}", key, e.getMessage());
                return isCall && result instanceof Result.Reply<S>
                        ? Result.reply(new NotSaved(key, e.getMessage()), held, idle())
                        : Result.noReply(held, idle());
            }
        }
        return switch (result) {
            case Result.Reply<S> r -> Result.reply(r.reply(), saved, nextOrIdle(r.next()));
            case Result.NoReply<S> r -> Result.noReply(saved, nextOrIdle(r.next()));
            case Result.Stop<S> s -> s.hasReply()
                    ? Result.stopReply(s.reason(), s.reply(), saved)
                    : Result.stop(s.reason(), saved);
        };
    }

    private Next idle() {
        return idleTimeout == null ? Next.none() : Next.timeout(idleTimeout);
    }

    private Next nextOrIdle(Next next) {
        return next instanceof Next.None ? idle() : next;
    }
}
