package io.islands.runtime.observe;

import io.islands.runtime.ExitException;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Scheduling;
import io.islands.runtime.internal.ProcessHooks;
import io.islands.runtime.supervisor.ChildInfo;
import io.islands.runtime.supervisor.ChildType;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorStatus;
import io.islands.runtime.table.Table;
import io.islands.runtime.table.TableException;
import io.islands.runtime.table.TableInfo;
import io.islands.runtime.table.Tables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Snapshots of the running system for tools such as the observer: processes, supervision trees
 * and tables (Erlang's {@code process_info}, {@code supervisor:which_children} and
 * {@code ets:info}, gathered).
 *
 * <table>
 *   <caption>Contract</caption>
 *   <tr><th>function</th><th>returns</th><th>cost</th></tr>
 *   <tr><td>{@link #processes}, {@link #process}, {@link #find}</td><td>immutable records of the live
 *       processes</td><td>a scan of the live processes; the processes are not stopped nor sent anything</td></tr>
 *   <tr><td>{@link #supervisionTree}, {@link #supervisor}</td><td>the trees of the live supervisors</td>
 *       <td>one call to each supervisor (its process reads its own state), each waiting at most the timeout
 *       given</td></tr>
 *   <tr><td>{@link #tables}</td><td>{@link TableInfo} of each open in-memory table</td><td>a read of each table's
 *       counters</td></tr>
 * </table>
 *
 * <p>Nothing here costs anything while nobody inspects: the runtime keeps no extra bookkeeping
 * per message for it (the current message is the field a GenServer sets for crash reports
 * anyway; a supervisor logs its restarts on the restart path only). Every snapshot is a set of
 * separate readings of a live system, not an atomic picture: a process may exit between two of
 * them. Thread-safe; callable from any thread.
 */
public final class Inspect {
    /** The longest text kept for a current message. */
    public static final int MAX_TEXT = 200;

    private Inspect() {}

    /** @return every live process, by increasing pid */
    public static List<ProcessInfo> processes() {
        List<Pid> all = new ArrayList<>(Proc.all());
        all.sort(Comparator.naturalOrder());
        List<ProcessInfo> out = new ArrayList<>(all.size());
        for (Pid pid : all) {
            out.add(info(pid));
        }
        return List.copyOf(out);
    }

    /** @return {@code pid}'s info, or empty if it has exited */
    public static Optional<ProcessInfo> process(Pid pid) {
        return Proc.all().contains(pid) ? Optional.of(info(pid)) : Optional.empty();
    }

    /** @return the live process numbered {@code id} (as in {@code <0.ID.0>}), if any */
    public static Optional<Pid> find(long id) {
        for (Pid pid : Proc.all()) {
            if (pid.id() == id) {
                return Optional.of(pid);
            }
        }
        return Optional.empty();
    }

    private static ProcessInfo info(Pid pid) {
        ProcessInfo.Status status = !pid.isAlive() ? ProcessInfo.Status.EXITING
                : ProcessHooks.isWaiting(pid) ? ProcessInfo.Status.WAITING
                : Scheduling.isLongSchedule(pid) ? ProcessInfo.Status.LONG_SCHEDULE : ProcessInfo.Status.RUNNING;
        Optional<String> current = ProcessHooks.currentMessage(pid).map(m -> abbreviate(String.valueOf(m)));
        return new ProcessInfo(pid, Optional.ofNullable(Proc.label(pid)), status, Proc.mailboxSize(pid), current,
                ProcessHooks.parent(pid), Proc.links(pid), Proc.trapsExits(pid));
    }

    static String abbreviate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }

    /**
     * The supervision trees: one per live supervisor that no live supervisor spawned, by
     * increasing pid, each with its subtrees.
     *
     * @param maxChildren the most children listed per supervisor (each reports its full count)
     * @param timeout how long to wait for each supervisor's answer
     */
    public static List<SupervisorInfo> supervisionTree(int maxChildren, Duration timeout) {
        Set<Pid> sups = Set.copyOf(Supervisor.running());
        List<SupervisorInfo> roots = new ArrayList<>();
        for (Pid sup : new TreeSet<>(sups)) {
            if (!sups.contains(ProcessHooks.parent(sup))) {
                roots.add(tree(sup, sups, maxChildren, timeout));
            }
        }
        return List.copyOf(roots);
    }

    /**
     * @return the tree under one supervisor, or empty if {@code sup} is not a live supervisor
     * @param maxChildren the most children listed per supervisor
     * @param timeout how long to wait for each supervisor's answer
     */
    public static Optional<SupervisorInfo> supervisor(Pid sup, int maxChildren, Duration timeout) {
        Set<Pid> sups = Set.copyOf(Supervisor.running());
        return sups.contains(sup) ? Optional.of(tree(sup, sups, maxChildren, timeout)) : Optional.empty();
    }

    private static SupervisorInfo tree(Pid sup, Set<Pid> sups, int maxChildren, Duration timeout) {
        Optional<SupervisorStatus> status;
        try {
            status = Optional.of(Supervisor.status(sup, maxChildren, timeout));
        } catch (ExitException | UnsupportedOperationException gone) {
            status = Optional.empty(); // exited meanwhile, or busy past the timeout
        }
        List<ChildNode> children = new ArrayList<>();
        for (ChildInfo c : status.map(SupervisorStatus::children).orElse(List.of())) {
            Optional<SupervisorInfo> sub = c.type() == ChildType.SUPERVISOR
                    ? c.pid().filter(sups::contains).map(p -> tree(p, sups, maxChildren, timeout))
                    : Optional.empty();
            children.add(new ChildNode(c, sub));
        }
        return new SupervisorInfo(sup, status, children);
    }

    /** @return the info of every open in-memory table ({@link Tables#all}); tables deleted meanwhile are left out */
    public static List<TableInfo> tables() {
        List<TableInfo> out = new ArrayList<>();
        for (Table<?, ?> t : Tables.all()) {
            try {
                out.add(t.info());
            } catch (TableException deleted) {
                // deleted between the listing and the reading
            }
        }
        return List.copyOf(out);
    }
}
