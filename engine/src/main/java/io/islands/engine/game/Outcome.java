package io.islands.engine.game;

import java.util.Objects;

/**
 * What a move of {@link Moves} did: a reply with the new game state, or an error and no change.
 *
 * @param <R> the type of the reply
 */
public sealed interface Outcome<R> {

    /**
     * The move succeeded.
     *
     * @param reply what the book's call replies
     * @param state the game state after the move, to be kept and saved
     * @param replayed true when the move was not applied again: its move id was the player's last
     *     applied one ({@link AppliedMove}), the reply is the one stored then, and {@code state} is
     *     the state given, unchanged (nothing to save, nothing to broadcast)
     * @param <R> the type of the reply
     */
    record Ok<R>(R reply, GameState state, boolean replayed) implements Outcome<R> {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if anything is null
         */
        public Ok {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }

        /** A move applied now (not replayed). */
        public Ok(R reply, GameState state) {
            this(reply, state, false);
        }
    }

    /**
     * The move failed; the game state is unchanged.
     *
     * @param error the book's error reply
     * @param <R> the type the reply would have had
     */
    record Failed<R>(GameError error) implements Outcome<R> {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code error} is null
         */
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Returns a success. */
    static <R> Outcome<R> ok(R reply, GameState state) {
        return new Ok<>(reply, state);
    }

    /** Returns a failure. */
    static <R> Outcome<R> failed(GameError error) {
        return new Failed<>(error);
    }
}
