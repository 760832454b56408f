package io.islands.engine.process;

/**
 * A game could not answer: it does not exist, it is quarantined, its store failed, it
 * crashed on this request, or it runs on another node ({@link GameElsewhereException}). Nothing
 * was changed by the request that got this exception (a crash is followed by a restart from the
 * last saved state).
 */
public class GameUnavailableException extends RuntimeException {
    /** Why the game could not answer. */
    public enum Why {
        /** No running process and nothing saved under the name. */
        NOT_FOUND,
        /** The game's saved state could not be used; it was set aside for an operator. */
        QUARANTINED,
        /** The store could not save the change; the game kept its previous state. */
        STORE,
        /** The game crashed on this request; it restarts from its last saved state. */
        CRASHED,
        /** No answer in time. */
        TIMEOUT,
        /** The game runs on another node of the cluster: see {@link GameElsewhereException#node()}. */
        ELSEWHERE
    }

    private final String game;
    private final Why why;

    public GameUnavailableException(String game, Why why, String message) {
        super("game '" + game + "': " + message);
        this.game = game;
        this.why = why;
    }

    public String game() {
        return game;
    }

    public Why why() {
        return why;
    }
}
