package io.islands.runtime.checkpoint;

import java.time.Instant;
import java.util.List;

/**
 * A key whose saved versions could not be used and were set aside: kept for inspection,
 * refused to processes until an operator releases it.
 *
 * @param key the key
 * @param reason why, in words an operator can act on
 * @param at when it was set aside
 * @param versions the versions set aside, newest first
 */
public record Quarantined<S>(String key, String reason, Instant at, List<Saved<S>> versions) {
    public Quarantined {
        versions = List.copyOf(versions);
    }
}
