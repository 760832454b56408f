package io.islands.engine.game;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The last move a player made with a client's move id, and its reply: a request carrying that id
 * again (a client retrying after a reconnect or a failover, not knowing whether its move was
 * applied) gets this reply back and changes nothing (docs/protocol.md, {@code move_id}).
 * Immutable; saved with the game.
 *
 * @param id the client's move id; see {@link #isValidId}
 * @param reply what the move replied when it was applied
 */
public record AppliedMove(String id, MoveReply reply) {
    /** The longest move id. */
    public static final int MAX_ID_CHARS = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_CHARS + "}");

    /**
     * Checks the components.
     *
     * @throws NullPointerException if anything is null
     * @throws IllegalArgumentException if {@code id} is not a valid move id
     */
    public AppliedMove {
        Objects.requireNonNull(reply, "reply");
        if (!isValidId(Objects.requireNonNull(id, "id"))) {
            throw new IllegalArgumentException("a move id has 1 to " + MAX_ID_CHARS + " of A-Z a-z 0-9 _ -");
        }
    }

    /** @return whether {@code id} is a move id: 1 to {@link #MAX_ID_CHARS} of {@code A-Z a-z 0-9 _ -} */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
