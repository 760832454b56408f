package io.islands.storage;

/** Where a cluster node's fenced store finds the fence it holds for a key ({@link PostgresStore}). */
@FunctionalInterface
interface Fences {
    /** @return the fence this node holds for {@code key} now; 0 if it holds none (the save is refused) */
    long fenceOf(String key);

    /** Hears of each save or delete of {@code key} refused by its fence (for the cluster's counters). */
    default void refused(String key) {}
}
