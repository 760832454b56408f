package io.islands.runtime.table;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.internal.ExitHook;
import io.islands.runtime.internal.ProcessHooks;
import java.util.Optional;

/**
 * Who owns a table and who inherits it (otp-semantics §1.1, {@code heir} and
 * {@code give_away}). The owner carries an exit hook, which runs when it exits, before its
 * links and monitors hear of it: the table passes to a live heir, with a {@link TableTransfer},
 * or is deleted.
 *
 * <p>Threads: {@link #owner} and {@link #heir} are volatile and written only on the owner's
 * thread: by the owner's own calls ({@link #giveAway}, {@link #setHeir}, which the table checks
 * come from the owner) and by the exit hook, which runs on the exiting owner's thread. Other
 * threads only read them. The hook is one object, attached to one owner at a time.
 */
final class Ownership {
    /** The heir and the data it is sent, read and written as one. */
    private record Heir(Pid pid, Object data) {}

    private final MemoryTable<?, ?> table;
    private final ExitHook hook = this::ownerExited;
    private volatile Pid owner;
    private volatile Heir heir;

    Ownership(MemoryTable<?, ?> table, Pid owner, Pid heir, Object heirData) {
        this.table = table;
        this.owner = owner;
        this.heir = heir == null ? null : new Heir(heir, heirData);
    }

    /** Hooks the owner's exit. @return false if the owner is already exiting */
    boolean attach() {
        return ProcessHooks.addExitHook(owner, hook);
    }

    /** Unhooks the owner's exit: the table is gone. */
    void detach() {
        ProcessHooks.removeExitHook(owner, hook);
    }

    Pid owner() {
        return owner;
    }

    Optional<Pid> heir() {
        Heir h = heir;
        return h == null ? Optional.empty() : Optional.of(h.pid());
    }

    /** Sets the heir; null for none. Called by the owner. */
    void setHeir(Pid pid, Object data) {
        heir = pid == null ? null : new Heir(pid, data);
    }

    /** Gives the table to {@code to}. Called by the owner. */
    void giveAway(Pid to, Object data) {
        Pid from = owner;
        if (to.equals(from)) {
            throw new IllegalArgumentException("giveAway: " + to + " already owns " + table);
        }
        if (!ProcessHooks.addExitHook(to, hook)) {
            throw new IllegalArgumentException("giveAway: " + to + " is not alive");
        }
        owner = to;
        ProcessHooks.removeExitHook(from, hook);
        try {
            Proc.send(to, new TableTransfer(table, from, data));
        } catch (Error exiting) { // the caller is being killed: the give-away does not happen
            ProcessHooks.addExitHook(from, hook);
            owner = from;
            ProcessHooks.removeExitHook(to, hook);
            throw exiting;
        }
    }

    private void ownerExited(Pid pid, ExitReason reason) {
        if (!pid.equals(owner) || !table.isOpen()) {
            return;
        }
        Heir h = heir;
        if (h != null && !h.pid().equals(pid) && ProcessHooks.addExitHook(h.pid(), hook)) {
            owner = h.pid();
            Proc.send(h.pid(), new TableTransfer(table, pid, h.data()));
        } else {
            table.destroy();
        }
    }
}
