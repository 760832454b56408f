package io.islands.runtime.checkpoint;

/**
 * A save (or delete) was refused because the writer's fence is not the key's current one:
 * another node of a cluster has claimed the key since this writer did, or this writer holds no
 * claim on it (released, or its membership lease was lost). Nothing was written. Like any stale
 * write, the writer must stop: a {@link CheckpointServer} stops with {@link CheckpointServer#FENCED}
 * and answers its caller {@link NotSaved} with {@code fencedOut}.
 */
public final class FencedOutException extends StaleRevisionException {
    private final long fence;
    private final long current;

    /**
     * @param key the key written
     * @param attempted the revision the writer tried to save (0 for a delete)
     * @param fence the writer's fence; 0 if it holds none
     * @param current the key's current fence; 0 if unknown (no round trip was made)
     */
    public FencedOutException(String key, long attempted, long fence, long current) {
        super(-1, attempted, "fenced out of " + key + ": " + (fence == 0 ? "this node holds no claim on it"
                : "fence " + fence + " refused, the current fence is " + current + " (another node took it over)")
                + "; revision " + attempted + " not saved");
        this.fence = fence;
        this.current = current;
    }

    /** @return the writer's fence (0: it held none) */
    public long fence() {
        return fence;
    }

    /** @return the key's current fence (0: not read) */
    public long current() {
        return current;
    }
}
