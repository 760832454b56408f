package io.islands.engine.game;

/**
 * The error kinds of the book's game API (§4.3), each with the wire name of its atom.
 * {@link #RULES} stands for the book's bare {@code :error}: the rules state machine refused the
 * action, with no further reason.
 */
public enum GameError {
    /** The bare {@code :error}: the rules refused the action (wrong phase, not your turn, game over). */
    RULES("error"),
    /** {@code :invalid_coordinate}: a row or column outside 1..10, or an island cell off the board. */
    INVALID_COORDINATE("invalid_coordinate"),
    /** {@code :invalid_island_type}: not one of the five island types. */
    INVALID_ISLAND_TYPE("invalid_island_type"),
    /** {@code :overlapping_island}: the island shares a cell with another island of the board. */
    OVERLAPPING_ISLAND("overlapping_island"),
    /** {@code :not_all_islands_positioned}: set_islands before all five islands are on the board. */
    NOT_ALL_ISLANDS_POSITIONED("not_all_islands_positioned");

    private final String wire;

    GameError(String wire) {
        this.wire = wire;
    }

    /** Returns the wire name: {@code "error"} for {@link #RULES}, else the atom of the reason. */
    public String wire() {
        return wire;
    }
}
