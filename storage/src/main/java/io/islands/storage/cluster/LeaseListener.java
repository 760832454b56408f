package io.islands.storage.cluster;

/** Hears of a node's lease changes, on the renewal thread: must return quickly and not throw. */
@FunctionalInterface
public interface LeaseListener {
    void changed(LeaseEvent event);
}
