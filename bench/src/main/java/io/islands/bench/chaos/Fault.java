package io.islands.bench.chaos;

/** The faults the chaos harness injects. */
public enum Fault {
    /** One game's process is killed ({@code Proc.exit(pid, kill)}); its supervisor restarts it. */
    GAME_KILL("game process kills"),
    /** The game supervisor is killed with every game under it; games come back on their next move. */
    SUPERVISOR_KILL("game supervisor kills"),
    /** The node JVM is killed with SIGKILL and started again; games come back from the store. */
    NODE_KILL("node SIGKILLs");

    private final String label;

    Fault(String label) {
        this.label = label;
    }

    /** @return how the summary names it */
    public String label() {
        return label;
    }
}
