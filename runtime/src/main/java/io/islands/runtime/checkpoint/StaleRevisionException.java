package io.islands.runtime.checkpoint;

/**
 * A save was refused because its revision is not the stored newest + 1: another process (a
 * stale or duplicate incarnation) has written the key since this one read it. The writer must
 * stop; it can never overwrite a newer state.
 */
public class StaleRevisionException extends StoreException {
    private final long stored;
    private final long attempted;

    public StaleRevisionException(String key, long stored, long attempted) {
        this(stored, attempted, "stale write to " + key + ": revision " + attempted + " refused, stored revision is "
                + stored);
    }

    /** For subclasses that say why in their own words. */
    protected StaleRevisionException(long stored, long attempted, String message) {
        super(message);
        this.stored = stored;
        this.attempted = attempted;
    }

    public long stored() {
        return stored;
    }

    public long attempted() {
        return attempted;
    }
}
