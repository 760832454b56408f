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
 *   <caption>Start (in init, so before any message can be handled)</caption>
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
 * <table>
 *   <caption>After each callback</caption>
 *   <tr><th>the callback returned</th><th>effect</th></tr>
 *   <tr><td>the same state object</td><td>no write; the reply goes out</td></tr>
 *   <tr><td>a new state, saved</td><td>revision + 1 is stored, then the reply goes out</td></tr>
 *   <tr><td>a new state, the store failed</td><td>the change is dropped, the caller gets {@link NotSaved}, the
 *       server keeps its previous state and goes on</td></tr>
 *   <tr><td>a new state, refused as stale</td><td>another incarnation wrote the key: the caller gets
 *       {@link NotSaved} and the server stops with {@link #STALE}</td></tr>
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

    /** The server's state: the behaviour's state and the revision it was saved as. */
    public record Held<S>(S state, long revision, boolean changedSinceStart) {}

    private final String key;
    private final Checkpointed<S> behaviour;
    private final StateStore<S> store;
    private final RecoveryLedger ledger;
    private final Duration idleTimeout;

    /**
     * @param key the name the state is saved under
     * @param idleTimeout stop and delete the state after this long without a message; null: never
     */
    public CheckpointServer(String key, Checkpointed<S> behaviour, StateStore<S> store, RecoveryLedger ledger,
            Duration idleTimeout) {
        this.key = Objects.requireNonNull(key);
        this.behaviour = Objects.requireNonNull(behaviour);
        this.store = Objects.requireNonNull(store);
        this.ledger = Objects.requireNonNull(ledger);
        this.idleTimeout = idleTimeout;
    }

    public String key() {
        return key;
    }

    @Override
    public InitResult<Held<S>> init() throws Exception {
        List<Saved<S>> versions;
        try {
            if (store.quarantined(key).isPresent()) {
                return InitResult.stop(QUARANTINED);
            }
            versions = store.versions(key);
            if (versions.isEmpty()) {
                S fresh = behaviour.fresh(key);
                store.save(key, new Saved<>(1, fresh));
                return InitResult.ok(new Held<>(fresh, 1, false), idle());
            }
        } catch (UnreadableStateException e) {
            return quarantine("unreadable saved state: " + e.getMessage());
        } catch (StoreException e) {
            return InitResult.stop(ExitReason.other(new StoreUnavailable(String.valueOf(e.getMessage()))));
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
