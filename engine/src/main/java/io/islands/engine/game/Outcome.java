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
     * @param <R> the type of the reply
     */
    record Ok<R>(R reply, GameState state) implements Outcome<R> {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if anything is null
         */
        public Ok {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
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
