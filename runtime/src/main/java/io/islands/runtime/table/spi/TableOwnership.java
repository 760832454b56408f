package io.islands.runtime.table.spi;

import io.islands.runtime.internal.ExitHook;
import io.islands.runtime.internal.ProcessHooks;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.table.Access;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableAccessException;
import io.islands.runtime.table.TableTransfer;
import java.util.Objects;
import java.util.Optional;

/**
 * Who owns a table and who inherits it (otp-semantics §1.1, {@code heir} and
 * {@code give_away}), and the access checks that follow from it: the one implementation behind
 * every {@link Table} (the in-memory tables and the storage module's disk tables). The owner
 * carries an exit hook, which runs when it exits, before its links and monitors hear of it: the
 * table passes to a live heir, with a {@link TableTransfer}, or is given up
 * ({@code orphaned}: deleted, or closed for a disk table).
 *
 * <p>Threads: {@link #owner} and {@link #heir} are volatile and written only on the owner's
 * thread: by the owner's own calls ({@link #giveAway}, {@link #setHeir}, which the table checks
 * come from the owner, with {@link #requireOwner}) and by the exit hook, which runs on the
 * exiting owner's thread. Other threads only read them. The hook is one object, attached to one
 * owner at a time. An owner outside any process ({@link Pid#EXTERNAL}, a disk table opened
 * from plain code) carries no hook: it never exits.
 */
public final class TableOwnership {
    /** The heir and the data it is sent, read and written as one. */
    private record Heir(Pid pid, Object data) {}

    private final Table<?, ?> table;
    private final Access access;
    private final Runnable orphaned;
    private final ExitHook hook = this::ownerExited;
    private volatile Pid owner;
    private volatile Heir heir;

    /**
     * @param table the table owned, sent in {@link TableTransfer}s; its {@link Table#isOpen} is read
     * @param access the table's access level, for {@link #checkRead} and {@link #checkWrite}
     * @param owner the first owner
     * @param heir the first heir, or null
     * @param orphaned run on the owner's thread when the owner exits without a live heir
     */
    public TableOwnership(Table<?, ?> table, Access access, Pid owner, Pid heir, Object heirData, Runnable orphaned) {
        this.table = Objects.requireNonNull(table, "table");
        this.access = Objects.requireNonNull(access, "access");
        this.orphaned = Objects.requireNonNull(orphaned, "orphaned");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.heir = heir == null ? null : new Heir(heir, heirData);
    }

    /** @return the calling process, or {@link Pid#EXTERNAL} outside any process */
    public static Pid caller() {
        return Proc.current().orElse(Pid.EXTERNAL);
    }

    /** Hooks the owner's exit. @return false if the owner is exiting, or is no process */
    public boolean attach() {
        return ProcessHooks.addExitHook(owner, hook);
    }

    /** Unhooks the owner's exit: the table is gone. Does nothing for an owner outside any process. */
    public void detach() {
        ProcessHooks.removeExitHook(owner, hook);
    }

    /** @return the owner now */
    public Pid owner() {
        return owner;
    }

    /** @return the heir now, if any */
    public Optional<Pid> heir() {
        Heir h = heir;
        return h == null ? Optional.empty() : Optional.of(h.pid());
    }

    /**
     * @param op the operation, for the message
     * @param what what the caller wanted to do ("read", "give away", ...), for the message
     * @throws TableAccessException unless the caller is the owner
     */
    public void requireOwner(String op, String what) {
        Pid me = caller();
        Pid o = owner;
        if (!me.equals(o)) {
            String who = me == Pid.EXTERNAL ? "code outside any process" : "process " + me;
            throw new TableAccessException(op + ": " + who + " may not " + what + " the "
                    + access.name().toLowerCase() + " " + table + ", owned by " + o);
        }
    }

    /** @throws TableAccessException if the table is private and the caller is not its owner */
    public void checkRead(String op) {
        if (access == Access.PRIVATE) {
            requireOwner(op, "read");
        }
    }

    /** @throws TableAccessException if the table is not public and the caller is not its owner */
    public void checkWrite(String op) {
        if (access != Access.PUBLIC) {
            requireOwner(op, "write");
        }
    }

    /** Sets the heir; null for none. Called by the owner. */
    public void setHeir(Pid pid, Object data) {
        heir = pid == null ? null : new Heir(pid, data);
    }

    /**
     * Gives the table to {@code to}, which receives a {@link TableTransfer}. Called by the owner.
     *
     * @throws IllegalArgumentException if {@code to} owns it already or is not alive
     */
    public void giveAway(Pid to, Object data) {
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
            orphaned.run();
        }
    }
}
