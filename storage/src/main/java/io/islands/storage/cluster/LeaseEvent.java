package io.islands.storage.cluster;

/** What happened to a node's lease. Immutable. */
public sealed interface LeaseEvent {
    /** @return the node's name */
    String node();

    /** @return the epoch the event is about */
    long epoch();

    /** Why a lease was lost. */
    enum Why {
        /** Renewals failed (connection lost, database down) for longer than lease - margin. */
        UNREACHABLE,
        /** A renewal found the lease expired (the node was paused): others may own its games now. */
        EXPIRED,
        /** Another start of the same node name replaced this epoch, or its row is gone. */
        REPLACED,
        /** The session advisory lock's connection was lost: others see the node dead at once. */
        LOCK_LOST
    }

    /**
     * The node must stop acting as owner: its fences are dropped (its saves are refused from now
     * on) and the server should stop its games. The handle tries to join again.
     *
     * @param detail the cause in words, for logs
     */
    record Lost(String node, long epoch, Why why, String detail) implements LeaseEvent {}

    /** The node is a member again, under a new epoch, owning nothing. */
    record Rejoined(String node, long epoch, long previousEpoch) implements LeaseEvent {}
}
