package io.islands.engine.game;

/** Whether a player has committed their islands with set_islands (book §3). */
public enum IslandsStatus {
    /** The player may still position islands. */
    ISLANDS_NOT_SET,
    /** The player has set their islands and can no longer move them. */
    ISLANDS_SET
}
