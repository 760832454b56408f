package io.islands.storage.cluster;

/** The outcome of {@link ClusterStore#claim}. Immutable. */
public sealed interface Claim {
    /** The caller owns the game; its saves carry {@code fence}. */
    record Claimed(String game, long fence) implements Claim {}

    /** Another live node owns the game. */
    record OwnedBy(Owner owner) implements Claim {}
}
