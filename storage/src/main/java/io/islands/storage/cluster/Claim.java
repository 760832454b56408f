package io.islands.storage.cluster;

/** The outcome of {@link ClusterStore#claim} and {@link ClusterStore#claimSaved}. Immutable. */
public sealed interface Claim {
    /** The caller owns the game; its saves carry {@code fence}. */
    record Claimed(String game, long fence) implements Claim {}

    /** Another live node owns the game. */
    record OwnedBy(Owner owner) implements Claim {}

    /** The game has no saved state: nothing was claimed or written ({@link ClusterStore#claimSaved} only). */
    record Unsaved(String game) implements Claim {}
}
