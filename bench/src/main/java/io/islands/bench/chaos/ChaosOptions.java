package io.islands.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link ChaosRun} does.
 *
 * @param storeUrl the durable store the node opens (not {@code memory:}: it dies with the node)
 * @param games games played at the same time, each with one command in flight
 * @param seed seeds the moves and the faults (the order of answers still depends on timing)
 * @param duration how long to play; {@code null} to stop after {@code nodeKills} node kills
 * @param nodeKills with {@code duration == null}: how many SIGKILLs; ignored otherwise
 * @param faults the kinds to inject; {@code {NODE_KILL}} alone kills the node after a seeded
 *     random number (1..150) of acknowledgements, otherwise faults come at seeded random times
 *     (every 0.3–2 s) and the first ones are one of each kind
 * @param workDir where the node's log and class data archive go
 */
public record ChaosOptions(String storeUrl, int games, long seed, Duration duration, int nodeKills,
        Set<Fault> faults, Path workDir) {
    public ChaosOptions {
        Objects.requireNonNull(storeUrl, "storeUrl");
        Objects.requireNonNull(workDir, "workDir");
        faults = Set.copyOf(faults);
        if (games < 1) {
            throw new IllegalArgumentException("games must be at least 1, got " + games);
        }
        if (duration == null && nodeKills < 1) {
            throw new IllegalArgumentException("give a duration or a number of node kills");
        }
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("no faults to inject");
        }
    }

    /** @return whether node kills are the only fault, and come after acknowledgement counts */
    boolean crashMode() {
        return faults.equals(Set.of(Fault.NODE_KILL));
    }
}
