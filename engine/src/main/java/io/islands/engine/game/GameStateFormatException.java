package io.islands.engine.game;

/**
 * A JSON document is not a game state this build can read: malformed JSON, a missing or
 * mistyped field, a value out of range, an impossible state (e.g. overlapping islands) or an
 * unknown {@code schema_version}. The message starts with the path of the offending value, e.g.
 * {@code $.player1.board.atoll.coordinates[0].row: expected an integer, got "1"}.
 */
public final class GameStateFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, and where
     */
    public GameStateFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, and where
     * @param cause the underlying parse error
     */
    public GameStateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
