package io.islands.storage;

/** How long a store waits before acknowledging a save. */
public enum Durability {
    /** A save returns only once it is on disk (fsync); concurrent saves share fsyncs. */
    DURABLE,
    /**
     * A save returns once the database has it; the disk catches up within a bounded window
     * (see docs/storage.md). A process crash loses nothing acknowledged; a power loss or OS
     * crash can lose the saves of that window.
     */
    RELAXED
}
