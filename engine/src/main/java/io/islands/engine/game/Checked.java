package io.islands.engine.game;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value checked by a rule of the game, or the rule it broke: the book's {@code {:ok, value}} or
 * {@code {:error, reason}} of a domain step that may fail. Failing never throws; the error is a
 * value. (Not to be confused with the runtime's callback result, nor with {@link Outcome}, which
 * also carries the game state after a move.)
 *
 * @param <T> the type of the value on success
 */
public sealed interface Checked<T> {

    /**
     * Success.
     *
     * @param value the value, never null
     * @param <T> the type of the value
     */
    record Ok<T>(T value) implements Checked<T> {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code value} is null
         */
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Failure.
     *
     * @param error why, never null
     * @param <T> the type the value would have had
     */
    record Err<T>(GameError error) implements Checked<T> {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code error} is null
         */
        public Err {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Returns a success holding {@code value}. */
    static <T> Checked<T> ok(T value) {
        return new Ok<>(value);
    }

    /** Returns a failure with {@code error}. */
    static <T> Checked<T> err(GameError error) {
        return new Err<>(error);
    }

    /** Returns the next step applied to the value, or this failure unchanged. */
    default <U> Checked<U> flatMap(Function<? super T, Checked<U>> next) {
        return switch (this) {
            case Ok<T> ok -> next.apply(ok.value());
            case Err<T> err -> err(err.error());
        };
    }

    /** Returns the value, or empty on failure. */
    default Optional<T> toOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** Returns the error, or empty on success. */
    default Optional<GameError> failure() {
        return this instanceof Err<T> err ? Optional.of(err.error()) : Optional.empty();
    }
}
