package io.islands.bench.chaos;

import java.util.EnumSet;
import java.util.Set;

/** The faults the chaos harness injects: on one game node ({@link #SINGLE_NODE}) or on a cluster ({@link #CLUSTER}). */
public enum Fault {
    /** One game's process is killed ({@code Proc.exit(pid, kill)}); its supervisor restarts it. */
    GAME_KILL("game process kills"),
    /** The game supervisor is killed with every game under it; games come back on their next move. */
    SUPERVISOR_KILL("game supervisor kills"),
    /** The node JVM is killed with SIGKILL and started again; games come back from the store. */
    NODE_KILL("node SIGKILLs"),
    /** A cluster node is stopped with SIGSTOP (it hangs) and continued with SIGCONT 1-6 s later. */
    NODE_PAUSE("node SIGSTOP/SIGCONTs"),
    /** A cluster node is stopped with SIGTERM (a planned stop: it hands its games off) and started again. */
    NODE_TERM("node SIGTERMs"),
    /**
     * A cluster node is cut off from the others' JGroups messages (a {@code DISCARD} protocol, through
     * its admin hook {@code POST /api/nodes/cut-off}) until it sees itself alone in its view (at most
     * 10 s), then 1-3 s more; its sockets and database stay.
     */
    NODE_CUT_OFF("node cut off from the others"),
    /** The cluster's PostgreSQL is stopped and started again on the same data and port. */
    POSTGRES_RESTART("PostgreSQL restarts");

    /** The faults of {@code ./islands chaos} on one game node. */
    public static final Set<Fault> SINGLE_NODE = EnumSet.of(GAME_KILL, SUPERVISOR_KILL, NODE_KILL);
    /** The faults of {@code ./islands chaos --nodes N}. */
    public static final Set<Fault> CLUSTER = EnumSet.of(NODE_KILL, NODE_PAUSE, NODE_TERM, NODE_CUT_OFF, POSTGRES_RESTART);

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    /** @return how the summary names it */
    public String label() {
        return label;
    }
}
